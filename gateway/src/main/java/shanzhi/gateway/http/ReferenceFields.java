package shanzhi.gateway.http;

import java.util.Map;
import java.util.Set;

/**
 * The fields that read reference data only: the region tree and the offices, stations, rooms and
 * advisers attached to it (the tables behind shanzhi.api.ReferenceKind, which change by operator
 * edits, not by the day's work). A response made of these fields alone may be kept by the client
 * for a while; any other field (a person, a count of residents, an event) makes it no-store.
 * Closed under reachability: every object type a listed field returns has only listed fields
 * here, so no personal type can be reached through them (ReferenceFieldsTest checks it against the
 * schema).
 */
final class ReferenceFields {
    /** Type name to its reference-only fields. PageInfo is reached only through RegionConnection here. */
    static final Map<String, Set<String>> FIELDS = Map.of(
            "Query", Set.of("region", "regions"),
            "Region", Set.of("code", "name", "level", "parent", "children",
                    "legalAdviser", "judicialOffice", "policeStation", "policeRoom"),
            "RegionConnection", Set.of("edges", "pageInfo", "totalCount"),
            "RegionEdge", Set.of("cursor", "node"),
            "PageInfo", Set.of("hasNextPage", "hasPreviousPage", "startCursor", "endCursor"),
            "LegalAdviser", Set.of("id", "name", "lawFirm", "phone", "villages"),
            "JudicialOffice", Set.of("id", "name", "town"),
            "PoliceStation", Set.of("id", "name", "town", "rooms"),
            "PoliceRoom", Set.of("id", "name", "station", "village"));

    private ReferenceFields() {
    }

    /** Whether {@code type.field} reads reference data only. */
    static boolean contains(String type, String field) {
        Set<String> fields = FIELDS.get(type);
        return fields != null && fields.contains(field);
    }
}
