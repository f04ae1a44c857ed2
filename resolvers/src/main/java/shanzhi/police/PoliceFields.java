package shanzhi.police;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import shanzhi.api.BadUserInput;
import shanzhi.api.Batches;
import shanzhi.api.Caller;
import shanzhi.api.Cursor;
import shanzhi.api.Ids;
import shanzhi.api.ReferenceKind;
import shanzhi.api.RegionCode;
import shanzhi.grid.RegionRow;
import shanzhi.people.PersonRow;
import shanzhi.schema.types.IncidentCategory;
import shanzhi.schema.types.RegionLevel;
import shanzhi.wiring.Arguments;
import shanzhi.wiring.DepartmentFields;
import shanzhi.wiring.FieldTable;
import shanzhi.wiring.Source;

/**
 * The public security store's binding table: incidents and the persons in them (read in the
 * caller's scope), police stations and rooms (reference data, cached), incidents under a region
 * and their yearly statistics (cached aggregates).
 */
@Component
public class PoliceFields implements DepartmentFields {
    static final ReferenceKind<Long, PoliceStationRow> STATION =
            ReferenceKind.of("police-station", PoliceStationRow.class, "police_station");
    static final ReferenceKind<String, PoliceStationRow> STATION_OF_TOWN =
            ReferenceKind.of("police-station-of-town", PoliceStationRow.class, "police_station");
    static final ReferenceKind<String, PoliceRoomRow> ROOM_OF_VILLAGE =
            ReferenceKind.of("police-room-of-village", PoliceRoomRow.class, "police_room");
    static final ReferenceKind<Long, List<PoliceRoomRow>> STATION_ROOMS =
            ReferenceKind.listOf("station-rooms", PoliceRoomRow.class, "police_room");
    static final ReferenceKind<StatsKey, List<IncidentStatRow>> STATS =
            ReferenceKind.listOf("incident-stats", IncidentStatRow.class, "incident");
    private static final int FIRST_YEAR = 1949;
    private static final int LAST_YEAR = 2100;
    private final IncidentRepository incidents;
    private final PoliceRepository police;

    public PoliceFields(IncidentRepository incidents, PoliceRepository police) {
        this.incidents = incidents;
        this.police = police;
    }

    @Override
    public void declare(FieldTable fields) {
        Source<Long, IncidentRow> incident = fields.entity("Incident", Source.records("Incident",
                (ids, scope) -> incidents.findByIds(ids, scope).collectMap(IncidentRow::id, Function.identity())));
        Source<Long, PoliceStationRow> station = fields.entity("PoliceStation",
                Source.references("PoliceStation", STATION, police::stationsByIds, PoliceStationRow::townCode));
        Source<String, PoliceStationRow> stationOfTown = Source.references("PoliceStation.ofTown", STATION_OF_TOWN,
                police::stationsOfTowns, PoliceStationRow::townCode);

        fields.byArguments("Query", "incident", incident, env -> Ids.parse(env.getArgument("id"), "incident"));
        fields.one("Region", "policeStation", stationOfTown,
                (RegionRow region) -> region.level() == RegionLevel.TOWN ? region.code() : null);
        fields.one("Region", "policeRoom", Source.references("Region.policeRoom", ROOM_OF_VILLAGE,
                        police::roomsOfVillages, PoliceRoomRow::villageCode),
                (RegionRow region) -> region.level() == RegionLevel.VILLAGE ? region.code() : null);
        fields.one("Incident", "region", "Region", IncidentRow::cellCode);
        fields.one("Incident", "policeStation", stationOfTown, (IncidentRow row) -> RegionCode.townOf(row.cellCode()));
        fields.many("Incident", "persons", "Person", (ids, scope) -> incidents.personIdsOf(ids), IncidentRow::id);
        fields.one("PoliceStation", "town", "Region", PoliceStationRow::townCode);
        fields.many("PoliceStation", "rooms", Source.referenceLists("PoliceStation.rooms", STATION_ROOMS,
                police::roomsOfStations, PoliceRoomRow::villageCode), PoliceStationRow::id);
        fields.one("PoliceRoom", "station", station, PoliceRoomRow::stationId);
        fields.one("PoliceRoom", "village", "Region", PoliceRoomRow::villageCode);
        fields.many("Person", "incidents", Source.records("Person.incidents", incidents::ofPersons), PersonRow::id);
        // Newest first; from/to bound occurredAt's date.
        fields.connection("Region", "incidents", FieldTable.parent(RegionRow::code),
                env -> new IncidentFilter(Arguments.enumeration(env, "category", IncidentCategory.class),
                        env.getArgument("from"), env.getArgument("to")),
                Source.pagesUnderRegion("incidents", incidents::under), Source.countsUnderRegion("incidentCounts", incidents::countUnder),
                (IncidentRow row) -> Cursor.ofTime(row.occurredAt().toInstant(), row.id()));
        // The key is the part of the region the caller sees and the year: all the figures depend
        // on, so a cached entry is the same for every caller who asks it.
        fields.byArguments("Region", "incidentStats", Source.aggregates("Region.incidentStats", STATS, this::stats), env -> {
            int year = env.<Integer>getArgument("year");
            if (year < FIRST_YEAR || year > LAST_YEAR) {
                throw new BadUserInput("year must be between " + FIRST_YEAR + " and " + LAST_YEAR + ", got " + year);
            }
            RegionRow region = env.getSource();
            return Caller.of(env).scope().narrow(region.code()).map(visible -> new StatsKey(visible, year)).orElse(null);
        });
    }

    /** @param regionCode the part of the asked region the caller sees (Scope.narrow), never the asked one */
    record StatsKey(String regionCode, int year) {
        /** The key's name in the cache. */
        @Override
        public String toString() {
            return regionCode + "/" + year;
        }
    }

    /** One statement per year for the keys the cache misses. */
    private Mono<Map<StatsKey, List<IncidentStatRow>>> stats(Set<StatsKey> keys) {
        return Batches.<StatsKey, Integer, List<IncidentStatRow>>byGroup(keys, StatsKey::year,
                (year, group) -> incidents.stats(group.stream().map(StatsKey::regionCode).toList(), year)
                        .map(found -> group.stream().filter(key -> found.containsKey(key.regionCode()))
                                .collect(Collectors.toMap(key -> key, key -> found.get(key.regionCode())))));
    }
}
