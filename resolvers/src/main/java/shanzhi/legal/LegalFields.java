package shanzhi.legal;

import java.util.List;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import graphql.schema.DataFetchingEnvironment;
import shanzhi.api.Cursor;
import shanzhi.api.Ids;
import shanzhi.api.Page;
import shanzhi.api.ReferenceKind;
import shanzhi.api.RegionCode;
import shanzhi.grid.RegionRow;
import shanzhi.people.PersonRow;
import shanzhi.schema.types.DisputeStatus;
import shanzhi.schema.types.RegionLevel;
import shanzhi.wiring.Arguments;
import shanzhi.wiring.DepartmentFields;
import shanzhi.wiring.FieldTable;
import shanzhi.wiring.Source;
import shanzhi.wiring.UnderRegion;

/**
 * The legal store's binding table: disputes and their parties (read in the caller's scope), legal
 * advisers and judicial offices (reference data, cached), disputes under a region or an office.
 */
@Component
public class LegalFields implements DepartmentFields {
    static final ReferenceKind<String, LegalAdviserRow> ADVISER_OF_VILLAGE =
            ReferenceKind.of("adviser-of-village", LegalAdviserRow.class, "legal_adviser", "adviser_village");
    static final ReferenceKind<Long, List<String>> ADVISER_VILLAGES =
            ReferenceKind.listOf("adviser-villages", String.class, "adviser_village");
    static final ReferenceKind<String, JudicialOfficeRow> OFFICE_OF_TOWN =
            ReferenceKind.of("judicial-office-of-town", JudicialOfficeRow.class, "judicial_office");
    private final DisputeRepository disputes;
    private final LegalServiceRepository services;

    public LegalFields(DisputeRepository disputes, LegalServiceRepository services) {
        this.disputes = disputes;
        this.services = services;
    }

    @Override
    public void declare(FieldTable fields) {
        Source<Long, DisputeRow> dispute = fields.entity("Dispute", Source.records("Dispute",
                (ids, scope) -> disputes.findByIds(ids, scope).collectMap(DisputeRow::id, Function.identity())));
        Source<String, JudicialOfficeRow> officeOfTown = Source.references("JudicialOffice.ofTown", OFFICE_OF_TOWN,
                services::officesOfTowns, JudicialOfficeRow::townCode);

        fields.byArguments("Query", "dispute", dispute, env -> Ids.parse(env.getArgument("id"), "dispute"));
        fields.one("Region", "legalAdviser",
                Source.referencesOfRegions("Region.legalAdviser", ADVISER_OF_VILLAGE, services::advisersOfVillages),
                (RegionRow region) -> region.level() == RegionLevel.VILLAGE ? region.code() : null);
        fields.one("Region", "judicialOffice", officeOfTown,
                (RegionRow region) -> region.level() == RegionLevel.TOWN ? region.code() : null);
        fields.one("JudicialOffice", "town", "Region", JudicialOfficeRow::townCode);
        fields.many("LegalAdviser", "villages", "Region", ADVISER_VILLAGES, services::villageCodesOf, LegalAdviserRow::id);
        fields.one("Dispute", "region", "Region", DisputeRow::cellCode);
        fields.one("Dispute", "judicialOffice", officeOfTown, (DisputeRow row) -> RegionCode.townOf(row.cellCode()));
        fields.many("Dispute", "parties", "Person", (ids, scope) -> disputes.partyIdsOf(ids), DisputeRow::id);
        fields.many("Person", "disputes", Source.records("Person.disputes", disputes::ofPersons), PersonRow::id);
        // Newest first; an office's disputes are those under its town.
        Source<UnderRegion.PageKey<DisputeStatus>, Page<DisputeRow>> under = Source.pagesUnderRegion("disputes", disputes::under);
        Source<UnderRegion.CountKey<DisputeStatus>, Integer> counts = Source.countsUnderRegion("disputeCounts", disputes::countUnder);
        Function<DataFetchingEnvironment, DisputeStatus> status = env -> Arguments.enumeration(env, "status", DisputeStatus.class);
        Function<DisputeRow, String> position = row -> Cursor.ofTime(row.reportedAt().toInstant(), row.id());
        fields.connection("Region", "disputes", FieldTable.parent(RegionRow::code), status, under, counts, position);
        fields.connection("JudicialOffice", "disputes", FieldTable.parent(JudicialOfficeRow::townCode), status, under, counts,
                position);
    }
}
