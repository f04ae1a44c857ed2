package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** The grid department: the region tree, grid workers and grid events. */
class GridApiTest extends ApiTestBase {
    private static final String TOWN = "440513002";
    /** Each mutation test writes grid events only to its own cell of this village (see {@link #cell}). */
    private static final String WRITE_VILLAGE = "440513002001";
    private static final String REPORT = """
            mutation($input: ReportGridEventInput!) {
              reportGridEvent(input: $input) {
                id category status description reportedAt region { code level } reporter { id } persons { id }
              }
            }""";
    private static final String ADVANCE = """
            mutation($id: ID!, $to: GridEventStatus!) { advanceGridEvent(id: $id, to: $to, note: "test") { id status } }""";

    // --- region tree ---

    @Test
    void aRegionHasItsParentAndItsChildrenOrderedByCode() {
        var town = query("query($c: ID!) { region(code: $c) { code level parent { code level } "
                + "children { code level parent { code } } } }", vars("c", TOWN));
        town.path("region.code").entity(String.class).isEqualTo(TOWN)
                .path("region.level").entity(String.class).isEqualTo("TOWN")
                .path("region.parent.code").entity(String.class).isEqualTo(DISTRICT)
                .path("region.parent.level").entity(String.class).isEqualTo("DISTRICT")
                .path("region.children[*].level").entityList(String.class)
                .satisfies(levels -> assertThat(levels).isNotEmpty().containsOnly("VILLAGE"))
                .path("region.children[*].parent.code").entityList(String.class)
                .satisfies(parents -> assertThat(parents).containsOnly(TOWN))
                .path("region.children[*].code").entityList(String.class).satisfies(codes -> assertThat(codes)
                        .allSatisfy(code -> assertThat(code).startsWith(TOWN).hasSize(12))
                        .doesNotHaveDuplicates().isSorted());

        String village = town.path("region.children[0].code").entity(String.class).get();
        query("query($c: ID!) { region(code: $c) { children { code level children { code level } } } }", vars("c", village))
                .path("region.children[*].level").entityList(String.class)
                .satisfies(levels -> assertThat(levels).isNotEmpty().containsOnly("GRID"))
                .path("region.children[*].code").entityList(String.class).satisfies(codes -> assertThat(codes).isSorted())
                .path("region.children[0].children[*].level").entityList(String.class)
                .satisfies(levels -> assertThat(levels).isNotEmpty().containsOnly("CELL"))
                .path("region.children[0].children[*].code").entityList(String.class)
                .satisfies(codes -> assertThat(codes).hasSizeGreaterThan(1).isSorted());
    }

    @Test
    void theDistrictHasNoParent() {
        query("query($c: ID!) { region(code: $c) { level parent { code } } }", vars("c", DISTRICT))
                .path("region.level").entity(String.class).isEqualTo("DISTRICT")
                .path("region.parent").valueIsNull();
    }

    @Test
    void anUnknownWellFormedRegionCodeGivesNullWithoutError() {
        for (String code : List.of("440599", "440513999", "440513001999", "44051300100199", "44051300100101999")) {
            var response = query("query($c: ID!) { region(code: $c) { code } }", vars("c", code));
            response.errors().verify();
            response.path("region").valueIsNull();
        }
    }

    @Test
    void regionsOfALevelAreOrderedByCodeAndPageWithCursors() {
        List<String> villages = walkRegions("VILLAGE", DISTRICT, 40);
        int total = query("{ regions(level: VILLAGE) { totalCount } }").path("regions.totalCount").entity(Integer.class).get();

        assertThat(villages).hasSize(total).doesNotHaveDuplicates().isSorted()
                .allSatisfy(code -> assertThat(code).startsWith(DISTRICT).hasSize(12));
        assertThat(walkRegions("VILLAGE", DISTRICT, 100)).isEqualTo(villages);
        List<String> ofTown = walkRegions("VILLAGE", TOWN, 5);
        assertThat(ofTown).isNotEmpty().isEqualTo(villages.stream().filter(code -> code.startsWith(TOWN)).toList());
    }

    @Test
    void regionsUnderAnAncestorAreOnlyItsDescendantsOfThatLevel() {
        String village = query("query($t: ID) { regions(level: VILLAGE, under: $t, first: 1) { edges { node { code } } } }",
                vars("t", TOWN)).path("regions.edges[0].node.code").entity(String.class).get();
        var cells = query("query($v: ID) { regions(level: CELL, under: $v, first: 100) { totalCount "
                + "edges { node { code level parent { parent { code } } } } } }", vars("v", village));
        cells.path("regions.edges[*].node.level").entityList(String.class)
                .satisfies(levels -> assertThat(levels).isNotEmpty().containsOnly("CELL"))
                .path("regions.edges[*].node.parent.parent.code").entityList(String.class)
                .satisfies(villages -> assertThat(villages).containsOnly(village));
    }

    // --- grid workers ---

    @Test
    void aCellsGridWorkersAreThoseOfItsGrid() {
        List<String> cells = cellsOf(WRITE_VILLAGE);
        for (String cell : List.of(cells.get(0), cells.get(cells.size() - 1))) {
            var response = query("query($c: ID!) { region(code: $c) { "
                    + "gridWorkers(first: 100) { totalCount edges { node { id grid { code level } } } } "
                    + "parent { code level gridWorkers(first: 100) { totalCount edges { node { id } } } } } }", vars("c", cell));
            String grid = response.path("region.parent.code").entity(String.class).get();
            response.path("region.parent.level").entity(String.class).isEqualTo("GRID");
            List<String> ofGrid = response.path("region.parent.gridWorkers.edges[*].node.id").entityList(String.class).get();
            assertThat(ofGrid).isNotEmpty();
            response.path("region.gridWorkers.edges[*].node.id").entityList(String.class).isEqualTo(ofGrid)
                    .path("region.gridWorkers.totalCount").entity(Integer.class).isEqualTo(ofGrid.size())
                    .path("region.gridWorkers.edges[*].node.grid.code").entityList(String.class)
                    .satisfies(grids -> assertThat(grids).containsOnly(grid))
                    .path("region.gridWorkers.edges[*].node.grid.level").entityList(String.class)
                    .satisfies(levels -> assertThat(levels).containsOnly("GRID"));
        }
    }

    @Test
    void aVillagesGridWorkersAreThoseOfItsGridsOrderedById() {
        var village = query("query($v: ID!) { region(code: $v) { gridWorkers(first: 100) { totalCount edges { node { id } } } "
                + "children { gridWorkers(first: 100) { edges { node { id } } } } } }", vars("v", WRITE_VILLAGE));
        List<Long> workers = longs(village.path("region.gridWorkers.edges[*].node.id").entityList(String.class).get());
        List<Long> ofGrids = longs(village.path("region.children[*].gridWorkers.edges[*].node.id").entityList(String.class).get());
        assertThat(workers).isNotEmpty().doesNotHaveDuplicates().isSorted()
                .containsExactlyInAnyOrderElementsOf(ofGrids);
        village.path("region.gridWorkers.totalCount").entity(Integer.class).isEqualTo(workers.size());
    }

    @Test
    void aPersonsGridWorkersAreThoseOfTheGridOfTheirCell() {
        List<String> residents = query("query($v: ID!) { people(under: $v, first: 10) { edges { node { id } } } }",
                vars("v", WRITE_VILLAGE)).path("people.edges[*].node.id").entityList(String.class).get();
        assertThat(residents).isNotEmpty();
        for (String id : residents) {
            var person = query("query($id: ID!) { person(id: $id) { gridWorkers { id grid { code } } "
                    + "cell { level parent { level gridWorkers(first: 100) { edges { node { id } } } } } } }", vars("id", id));
            person.path("person.cell.level").entity(String.class).isEqualTo("CELL")
                    .path("person.cell.parent.level").entity(String.class).isEqualTo("GRID");
            List<String> ofGrid = person.path("person.cell.parent.gridWorkers.edges[*].node.id").entityList(String.class).get();
            assertThat(ofGrid).isNotEmpty();
            person.path("person.gridWorkers[*].id").entityList(String.class).isEqualTo(ofGrid);
            assertThat(longs(ofGrid)).isSorted();
        }
    }

    // --- grid events: reading ---

    @Test
    void gridEventsAreNewestFirst() {
        List<Map<String, Object>> events = walkEvents(DISTRICT, null, 50);
        assertThat(events).hasSizeGreaterThan(50);
        assertThat(events.stream().map(e -> OffsetDateTime.parse((String) e.get("reportedAt")).toInstant()).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(events.stream().map(e -> e.get("id")).toList()).doesNotHaveDuplicates();
    }

    @Test
    void theStatusFilterReturnsOnlyEventsOfThatStatusAndTheStatusesPartitionTheEvents() {
        var counts = query("""
                { region(code: "440513") { all: gridEvents { totalCount }
                  reported: gridEvents(status: REPORTED) { totalCount } accepted: gridEvents(status: ACCEPTED) { totalCount }
                  assigned: gridEvents(status: ASSIGNED) { totalCount } resolved: gridEvents(status: RESOLVED) { totalCount }
                  closed: gridEvents(status: CLOSED) { totalCount } } }""");
        int all = counts.path("region.all.totalCount").entity(Integer.class).get();
        int sum = 0;
        for (String status : List.of("reported", "accepted", "assigned", "resolved", "closed")) {
            sum += counts.path("region." + status + ".totalCount").entity(Integer.class).get();
        }
        assertThat(sum).isEqualTo(all);

        for (String status : List.of("RESOLVED", "CLOSED")) {
            List<Map<String, Object>> events = walkEvents(DISTRICT, status, 30);
            assertThat(events).isNotEmpty().hasSizeLessThan(all)
                    .allSatisfy(event -> assertThat(event.get("status")).isEqualTo(status));
            assertThat(events.stream().map(e -> OffsetDateTime.parse((String) e.get("reportedAt")).toInstant()).toList())
                    .isSortedAccordingTo(Comparator.reverseOrder());
        }
    }

    @Test
    void eachGridEventLiesUnderTheRegionItIsListedUnder() {
        String town = "440513005";
        List<Map<String, Object>> events = walkEvents(town, null, 100);
        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.get("cell")).asString().startsWith(town));
    }

    // --- grid events: reporting ---

    @Test
    void reportGridEventCreatesAReportedEventWithItsPersonsOrderedById() {
        Cell cell = cell(0);
        int before = eventCount(cell.code());

        var created = report(newKey(), cell, cell.worker(), List.of(cell.residents().get(2), cell.residents().get(0),
                cell.residents().get(1)));
        created.errors().verify();
        String id = created.path("reportGridEvent.id").entity(String.class).get();
        created.path("reportGridEvent.status").entity(String.class).isEqualTo("REPORTED")
                .path("reportGridEvent.category").entity(String.class).isEqualTo("SANITATION")
                .path("reportGridEvent.description").entity(String.class).isEqualTo("垃圾堆积未清运")
                .path("reportGridEvent.region.code").entity(String.class).isEqualTo(cell.code())
                .path("reportGridEvent.region.level").entity(String.class).isEqualTo("CELL")
                .path("reportGridEvent.reporter.id").entity(String.class).isEqualTo(cell.worker())
                .path("reportGridEvent.persons[*].id").entityList(String.class)
                .containsExactly(cell.residents().subList(0, 3).toArray(String[]::new));

        query("query($id: ID!) { gridEvent(id: $id) { id status region { code } reporter { id } persons { id } } }", vars("id", id))
                .path("gridEvent.status").entity(String.class).isEqualTo("REPORTED")
                .path("gridEvent.region.code").entity(String.class).isEqualTo(cell.code())
                .path("gridEvent.persons[*].id").entityList(String.class)
                .containsExactly(cell.residents().subList(0, 3).toArray(String[]::new));
        assertThat(eventCount(cell.code())).isEqualTo(before + 1);
        query("query($c: ID!) { region(code: $c) { gridEvents(first: 1) { edges { node { id } } } } }", vars("c", cell.code()))
                .path("region.gridEvents.edges[0].node.id").entity(String.class).isEqualTo(id);
    }

    @Test
    void reportGridEventWithoutPersonsCreatesAnEventWithNoPersons() {
        Cell cell = cell(1);
        report(newKey(), cell, cell.worker(), null)
                .path("reportGridEvent.persons").entityList(Object.class).hasSize(0)
                .path("reportGridEvent.status").entity(String.class).isEqualTo("REPORTED");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSameEventAndCreatesNothing() {
        Cell cell = cell(2);
        String key = newKey();
        int before = eventCount(cell.code());

        String first = report(key, cell, cell.worker(), List.of(cell.residents().get(0)))
                .path("reportGridEvent.id").entity(String.class).get();
        String retry = report(key, cell, cell.worker(), List.of(cell.residents().get(0)))
                .path("reportGridEvent.id").entity(String.class).get();

        assertThat(retry).isEqualTo(first);
        assertThat(eventCount(cell.code())).isEqualTo(before + 1);
    }

    @Test
    void concurrentCallsWithTheSameNewKeyCreateExactlyOneEvent() throws Exception {
        Cell cell = cell(3);
        int before = eventCount(cell.code());
        int rounds = 5;
        int parallel = 4;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            for (int round = 0; round < rounds; round++) {
                String key = newKey();
                CyclicBarrier start = new CyclicBarrier(parallel);
                List<CompletableFuture<String>> calls = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return report(key, cell, cell.worker(), List.of(cell.residents().get(0)))
                                .path("reportGridEvent.id").entity(String.class).get();
                    }, pool));
                }
                List<String> ids = new ArrayList<>();
                for (CompletableFuture<String> call : calls) {
                    ids.add(call.get(60, TimeUnit.SECONDS));
                }
                assertThat(ids).as("ids returned for key %s", key).hasSize(parallel).containsOnly(ids.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventCount(cell.code())).isEqualTo(before + rounds);
    }

    @Test
    void anUnknownCellIsBadUserInputAndWritesNothing() {
        Cell cell = cell(4);
        String grid = cell.code().substring(0, 14);
        String unknown = grid + "999";
        int before = eventCount(grid);

        assertBadUserInput(report(newKey(), new Cell(unknown, cell.worker(), cell.residents()), cell.worker(), null),
                "reportGridEvent", unknown);

        assertThat(eventCount(grid)).isEqualTo(before);
    }

    @Test
    void aVillageCodeInsteadOfACellCodeIsBadUserInputAndWritesNothing() {
        Cell cell = cell(5);
        int before = eventCount(WRITE_VILLAGE);

        assertBadUserInput(report(newKey(), new Cell(WRITE_VILLAGE, cell.worker(), cell.residents()), cell.worker(), null),
                "reportGridEvent", WRITE_VILLAGE);

        assertThat(eventCount(WRITE_VILLAGE)).isEqualTo(before);
    }

    @Test
    void anUnknownReporterIsBadUserInputAndWritesNothing() {
        Cell cell = cell(6);
        int before = eventCount(cell.code());

        assertBadUserInput(report(newKey(), cell, "987654321", null), "reportGridEvent", "987654321");

        assertThat(eventCount(cell.code())).isEqualTo(before);
    }

    @Test
    void anUnknownPersonIsBadUserInputAndWritesNothing() {
        Cell cell = cell(7);
        int before = eventCount(cell.code());

        assertBadUserInput(report(newKey(), cell, cell.worker(), List.of(cell.residents().get(0), "987654321")),
                "reportGridEvent", "987654321");

        assertThat(eventCount(cell.code())).isEqualTo(before);
    }

    @Test
    void aKeyWhoseFirstCallFailedIsStillFree() {
        Cell cell = cell(8);
        String key = newKey();
        int before = eventCount(cell.code());

        assertBadUserInput(report(key, cell, "987654321", null), "reportGridEvent");
        report(key, cell, cell.worker(), null).path("reportGridEvent.reporter.id").entity(String.class).isEqualTo(cell.worker());

        assertThat(eventCount(cell.code())).isEqualTo(before + 1);
    }

    @Test
    void newlyReportedEventsComeFirstAndPageOneByOneWithoutLossOrRepetition() {
        Cell cell = cell(14);
        int before = eventCount(cell.code());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(newEvent(cell));
        }
        List<String> walked = walkEvents(cell.code(), null, 1).stream().map(event -> (String) event.get("id")).toList();

        assertThat(walked).hasSize(before + 3).doesNotHaveDuplicates();
        assertThat(walked.subList(0, 3)).containsExactly(created.get(2), created.get(1), created.get(0));
    }

    // --- grid events: advancing ---

    @Test
    void anEventAdvancesStepByStepFromReportedToClosed() {
        String id = newEvent(cell(9));
        for (String status : List.of("ACCEPTED", "ASSIGNED", "RESOLVED", "CLOSED")) {
            var advanced = advance(id, status);
            advanced.errors().verify();
            advanced.path("advanceGridEvent.id").entity(String.class).isEqualTo(id)
                    .path("advanceGridEvent.status").entity(String.class).isEqualTo(status);
            assertThat(statusOf(id)).isEqualTo(status);
        }
    }

    @Test
    void skippingAStepIsBadUserInputAndLeavesTheStatusUnchanged() {
        String id = newEvent(cell(10));

        assertBadUserInput(advance(id, "ASSIGNED"), "advanceGridEvent", "ASSIGNED");
        assertThat(statusOf(id)).isEqualTo("REPORTED");

        advance(id, "ACCEPTED").path("advanceGridEvent.status").entity(String.class).isEqualTo("ACCEPTED");
        assertBadUserInput(advance(id, "CLOSED"), "advanceGridEvent", "CLOSED");
        assertThat(statusOf(id)).isEqualTo("ACCEPTED");
    }

    @Test
    void movingBackwardsIsBadUserInputAndLeavesTheStatusUnchanged() {
        String id = newEvent(cell(11));
        advance(id, "ACCEPTED").path("advanceGridEvent.status").entity(String.class).isEqualTo("ACCEPTED");
        advance(id, "ASSIGNED").path("advanceGridEvent.status").entity(String.class).isEqualTo("ASSIGNED");

        assertBadUserInput(advance(id, "ACCEPTED"), "advanceGridEvent", "ACCEPTED");
        assertThat(statusOf(id)).isEqualTo("ASSIGNED");
        assertBadUserInput(advance(id, "ASSIGNED"), "advanceGridEvent");
        assertThat(statusOf(id)).isEqualTo("ASSIGNED");
    }

    @Test
    void movingToReportedIsBadUserInputAndLeavesTheStatusUnchanged() {
        String id = newEvent(cell(12));
        assertBadUserInput(advance(id, "REPORTED"), "advanceGridEvent", "REPORTED");
        assertThat(statusOf(id)).isEqualTo("REPORTED");

        advance(id, "ACCEPTED").path("advanceGridEvent.status").entity(String.class).isEqualTo("ACCEPTED");
        assertBadUserInput(advance(id, "REPORTED"), "advanceGridEvent", "REPORTED");
        assertThat(statusOf(id)).isEqualTo("ACCEPTED");
    }

    @Test
    void aClosedEventCannotMoveAnyFurther() {
        String id = newEvent(cell(13));
        for (String status : List.of("ACCEPTED", "ASSIGNED", "RESOLVED", "CLOSED")) {
            advance(id, status).path("advanceGridEvent.status").entity(String.class).isEqualTo(status);
        }
        for (String status : List.of("REPORTED", "ACCEPTED", "RESOLVED", "CLOSED")) {
            assertBadUserInput(advance(id, status), "advanceGridEvent");
        }
        assertThat(statusOf(id)).isEqualTo("CLOSED");
    }

    @Test
    void advancingAnUnknownEventIsBadUserInput() {
        assertBadUserInput(advance("987654321", "ACCEPTED"), "advanceGridEvent", "987654321");
    }

    @Test
    void anUnknownWellFormedEventIdGivesNullWithoutError() {
        var response = query("{ gridEvent(id: \"987654321\") { id } }");
        response.errors().verify();
        response.path("gridEvent").valueIsNull();
    }

    // --- helpers ---

    /** A cell of {@link #WRITE_VILLAGE} that only one test writes to, with a worker of its grid and residents of the village. */
    private record Cell(String code, String worker, List<String> residents) {
    }

    private Cell cell(int index) {
        String code = cellsOf(WRITE_VILLAGE).get(index);
        String worker = query("query($c: ID!) { region(code: $c) { gridWorkers(first: 1) { edges { node { id } } } } }",
                vars("c", code)).path("region.gridWorkers.edges[0].node.id").entity(String.class).get();
        List<String> residents = query("query($v: ID!) { people(under: $v, first: 5) { edges { node { id } } } }",
                vars("v", WRITE_VILLAGE)).path("people.edges[*].node.id").entityList(String.class).get();
        assertThat(residents).hasSize(5);
        return new Cell(code, worker, residents);
    }

    private List<String> cellsOf(String village) {
        List<String> cells = query("query($v: ID) { regions(level: CELL, under: $v, first: 100) { edges { node { code } } } }",
                vars("v", village)).path("regions.edges[*].node.code").entityList(String.class).get();
        assertThat(cells).hasSizeGreaterThan(14);
        return cells;
    }

    private GraphQlTester.Response report(String key, Cell cell, String reporter, List<String> persons) {
        return asWorker(reporter).document(REPORT).variables(vars("input", vars("idempotencyKey", key, "category", "SANITATION",
                "description", "垃圾堆积未清运", "cellCode", cell.code(), "reporterId", reporter, "personIds", persons))).execute();
    }

    private String newEvent(Cell cell) {
        return report(newKey(), cell, cell.worker(), null).path("reportGridEvent.id").entity(String.class).get();
    }

    private GraphQlTester.Response advance(String id, String to) {
        return query(ADVANCE, vars("id", id, "to", to));
    }

    private String statusOf(String id) {
        return query("query($id: ID!) { gridEvent(id: $id) { status } }", vars("id", id))
                .path("gridEvent.status").entity(String.class).get();
    }

    private int eventCount(String region) {
        return query("query($c: ID!) { region(code: $c) { gridEvents { totalCount } } }", vars("c", region))
                .path("region.gridEvents.totalCount").entity(Integer.class).get();
    }

    private List<String> walkRegions(String level, String under, int first) {
        List<String> codes = new ArrayList<>();
        String after = null;
        while (true) {
            var page = query("query($l: RegionLevel!, $u: ID, $first: Int, $after: String) { regions(level: $l, under: $u, "
                    + "first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { code } } } }",
                    vars("l", level, "u", under, "first", first, "after", after));
            codes.addAll(page.path("regions.edges[*].node.code").entityList(String.class).get());
            if (!page.path("regions.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                return codes;
            }
            after = page.path("regions.pageInfo.endCursor").entity(String.class).get();
        }
    }

    private List<Map<String, Object>> walkEvents(String region, String status, int first) {
        List<Map<String, Object>> events = new ArrayList<>();
        String after = null;
        while (true) {
            var page = query("query($c: ID!, $s: GridEventStatus, $first: Int, $after: String) { region(code: $c) { "
                    + "gridEvents(status: $s, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } "
                    + "edges { node { id status reportedAt region { code } } } } } }",
                    vars("c", region, "s", status, "first", first, "after", after));
            int total = page.path("region.gridEvents.totalCount").entity(Integer.class).get();
            List<String> ids = page.path("region.gridEvents.edges[*].node.id").entityList(String.class).get();
            List<String> statuses = page.path("region.gridEvents.edges[*].node.status").entityList(String.class).get();
            List<String> times = page.path("region.gridEvents.edges[*].node.reportedAt").entityList(String.class).get();
            List<String> cells = page.path("region.gridEvents.edges[*].node.region.code").entityList(String.class).get();
            for (int i = 0; i < ids.size(); i++) {
                events.add(Map.of("id", ids.get(i), "status", statuses.get(i), "reportedAt", times.get(i), "cell", cells.get(i)));
            }
            if (!page.path("region.gridEvents.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                assertThat(events).as("events walked under %s", region).hasSize(total);
                return events;
            }
            after = page.path("region.gridEvents.pageInfo.endCursor").entity(String.class).get();
        }
    }

    private static List<Long> longs(List<String> ids) {
        return ids.stream().map(Long::valueOf).toList();
    }
}
