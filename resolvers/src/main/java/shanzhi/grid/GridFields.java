package shanzhi.grid;

import java.util.List;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import shanzhi.api.Cursor;
import shanzhi.api.Ids;
import shanzhi.api.ReferenceKind;
import shanzhi.api.RegionCode;
import shanzhi.people.PersonRow;
import shanzhi.schema.types.GridEventStatus;
import shanzhi.wiring.Arguments;
import shanzhi.wiring.DepartmentFields;
import shanzhi.wiring.FieldTable;
import shanzhi.wiring.Source;

/**
 * The grid store's binding table: the region tree (reference data, cached, shown in or above the
 * caller's scope), grid workers and grid events (read in the caller's scope). Pages and counts
 * under a region are in RegionGridFields and GridQueries.
 */
@Component
public class GridFields implements DepartmentFields {
    public static final ReferenceKind<String, RegionRow> REGION = ReferenceKind.of("region", RegionRow.class, "region");
    public static final ReferenceKind<String, List<RegionRow>> CHILDREN =
            ReferenceKind.listOf("region-children", RegionRow.class, "region");
    private final RegionRepository regions;
    private final GridWorkerRepository workers;
    private final GridEventRepository events;

    public GridFields(RegionRepository regions, GridWorkerRepository workers, GridEventRepository events) {
        this.regions = regions;
        this.workers = workers;
        this.events = events;
    }

    @Override
    public void declare(FieldTable fields) {
        Source<String, RegionRow> region = fields.entity("Region",
                Source.references("Region", REGION, regions::byCodes, RegionRow::code));
        Source<Long, GridWorkerRow> worker = fields.entity("GridWorker", Source.records("GridWorker",
                (ids, scope) -> workers.findByIds(ids, scope).collectMap(GridWorkerRow::id, Function.identity())));
        Source<Long, GridEventRow> event = fields.entity("GridEvent", Source.records("GridEvent",
                (ids, scope) -> events.findByIds(ids, scope).collectMap(GridEventRow::id, Function.identity())));

        fields.byArguments("Query", "region", region, env -> RegionCode.requireValid(env.getArgument("code")));
        fields.byArguments("Query", "gridEvent", event, env -> Ids.parse(env.getArgument("id"), "grid event"));
        fields.one("Region", "parent", region, RegionRow::parentCode);
        fields.many("Region", "children",
                Source.referenceLists("Region.children", CHILDREN, regions::childrenOf, RegionRow::code), RegionRow::code);
        fields.one("Person", "cell", region, PersonRow::cellCode);
        // The workers of the person's grid are its contacts: shown to whoever sees the person.
        fields.many("Person", "gridWorkers", Source.records("Person.gridWorkers", (grids, scope) -> workers.ofGrids(grids)),
                (PersonRow person) -> RegionCode.gridScopeOf(person.cellCode()));
        fields.one("GridEvent", "region", region, GridEventRow::cellCode);
        fields.one("GridEvent", "reporter", worker, GridEventRow::reporterId);
        fields.many("GridEvent", "persons", "Person", (ids, scope) -> events.personIdsOf(ids), GridEventRow::id);
        fields.one("GridWorker", "grid", region, GridWorkerRow::gridCode);
        // A region's grid workers are those of the grids under it (a cell's: its grid's).
        fields.connection("Region", "gridWorkers", FieldTable.parent((RegionRow row) -> RegionCode.gridScopeOf(row.code())),
                env -> null, Source.<Void, GridWorkerRow>pagesUnderRegion("gridWorkers", (codes, none, page) -> workers.under(codes, page)),
                Source.<Void>countsUnderRegion("gridWorkerCounts", (codes, none) -> workers.countUnder(codes)),
                (GridWorkerRow row) -> Cursor.ofId(row.id()));
        fields.connection("Region", "gridEvents", FieldTable.parent(RegionRow::code),
                env -> Arguments.enumeration(env, "status", GridEventStatus.class),
                Source.pagesUnderRegion("gridEvents", events::under), Source.countsUnderRegion("gridEventCounts", events::countUnder),
                (GridEventRow row) -> Cursor.ofTime(row.reportedAt().toInstant(), row.id()));
    }
}
