package shanzhi.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;

/**
 * Row-level scoping: a caller sees records under the region of their token (and reference data
 * above it), through every entry point; whatever lies elsewhere is as absent as an unknown id.
 * The callers: a TOWN_OFFICER of {@link #OWN_TOWN} and a GRID_WORKER of one party grid there.
 */
class ScopeTest extends AccessTestBase {
    private static final String UNKNOWN_ID = "987654321";
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
    private static Fixture fixture;

    /** Regions, residents and records the specifications refer to, found as a district administrator. */
    private record Fixture(String grid, String village, String neighbourGrid, String cell, String otherTownCell,
                           long workerId, Resident inGrid, Resident inNeighbourGrid, Resident inOtherTown,
                           String crossScopeDispute, String disputeInOtherTown, String crossScopeEvent,
                           String reportedEventInOtherTown) {
    }

    private record Resident(String id, String idNumber) {
    }

    private HttpGraphQlTester officer;
    private HttpGraphQlTester worker;

    @BeforeEach
    void callers() {
        if (fixture == null) {
            fixture = findFixture();
        }
        officer = caller(Role.TOWN_OFFICER, OWN_TOWN);
        worker = gridWorker(fixture.grid(), fixture.workerId());
    }

    // --- regions ---------------------------------------------------------------------------

    @Test
    void aTownOfficerSeesTheirTownAndItsAncestorButNoOtherTown() {
        var response = run(officer, "query($own: ID!, $other: ID!, $district: ID!, $village: ID!) { "
                + "own: region(code: $own) { code } other: region(code: $other) { code } "
                + "district: region(code: $district) { code name } village: region(code: $village) { code } }",
                vars("own", OWN_TOWN, "other", OTHER_TOWN, "district", DISTRICT, "village", fixture.village()));
        response.errors().verify();
        response.path("own.code").entity(String.class).isEqualTo(OWN_TOWN)
                .path("district.code").entity(String.class).isEqualTo(DISTRICT)
                .path("district.name").entity(String.class).isEqualTo(adminName(DISTRICT))
                .path("village.code").entity(String.class).isEqualTo(fixture.village())
                .path("other").valueIsNull();
    }

    @Test
    void aGridWorkerSeesTheirGridVillageAndDistrictButNoNeighbouringGridOrOtherTown() {
        var response = run(worker, "query($grid: ID!, $village: ID!, $district: ID!, $neighbour: ID!, $other: ID!) { "
                + "grid: region(code: $grid) { code } village: region(code: $village) { code name } "
                + "district: region(code: $district) { code } neighbour: region(code: $neighbour) { code } "
                + "other: region(code: $other) { code } }",
                vars("grid", fixture.grid(), "village", fixture.village(), "district", DISTRICT,
                        "neighbour", fixture.neighbourGrid(), "other", OTHER_TOWN));
        response.errors().verify();
        response.path("grid.code").entity(String.class).isEqualTo(fixture.grid())
                .path("village.code").entity(String.class).isEqualTo(fixture.village())
                .path("village.name").entity(String.class).isEqualTo(adminName(fixture.village()))
                .path("district.code").entity(String.class).isEqualTo(DISTRICT)
                .path("neighbour").valueIsNull()
                .path("other").valueIsNull();
    }

    @Test
    void aTownOfficerListsOnlyTheVillagesOfTheirTown() {
        String document = "query($under: ID) { regions(level: VILLAGE, under: $under, first: 100) { totalCount edges { node { code } } } }";
        List<String> adminVillages = strings(query(document, vars("under", OWN_TOWN)), "regions.edges[*].node.code");
        assertThat(adminVillages).isNotEmpty().allSatisfy(code -> assertThat(code).startsWith(OWN_TOWN));

        for (String under : new String[] {null, DISTRICT, OWN_TOWN}) {
            var response = run(officer, document, vars("under", under));
            assertThat(strings(response, "regions.edges[*].node.code")).as("villages under %s", under)
                    .containsExactlyElementsOf(adminVillages);
            assertThat(count(response, "regions.totalCount")).isEqualTo(adminVillages.size());
        }
        var elsewhere = run(officer, document, vars("under", OTHER_TOWN));
        assertThat(count(elsewhere, "regions.totalCount")).isZero();
        assertThat(strings(elsewhere, "regions.edges[*].node.code")).isEmpty();
    }

    // --- persons -------------------------------------------------------------------------

    @Test
    void aResidentOfAnotherTownIsNullForATownOfficerExactlyLikeAnUnknownId() {
        assertPersonInvisible(officer, fixture.inOtherTown());
        assertPersonVisible(officer, fixture.inGrid());
        assertPersonVisible(officer, fixture.inNeighbourGrid());
    }

    @Test
    void aResidentOfANeighbouringGridIsNullForAGridWorkerExactlyLikeAnUnknownId() {
        assertPersonInvisible(worker, fixture.inNeighbourGrid());
        assertPersonInvisible(worker, fixture.inOtherTown());
        assertPersonVisible(worker, fixture.inGrid());
    }

    @Test
    void peopleUnderTheDistrictAreOnlyTheTownOfficersResidentsAndCountedAsSuch() {
        assertPeopleUnderDistrictAreThoseOf(officer, OWN_TOWN);
    }

    @Test
    void peopleUnderTheDistrictAreOnlyTheGridWorkersResidentsAndCountedAsSuch() {
        assertPeopleUnderDistrictAreThoseOf(worker, fixture.grid());
    }

    @Test
    void peopleUnderAnotherTownAreAnEmptyListNotAnError() {
        var response = run(officer, "query($u: ID!) { people(under: $u) { totalCount edges { node { id } } } }",
                vars("u", OTHER_TOWN));
        assertThat(count(response, "people.totalCount")).isZero();
        assertThat(strings(response, "people.edges[*].node.id")).isEmpty();
    }

    @Test
    void theDistrictsFiguresForATownOfficerAreThoseOfTheirTown() {
        assertDistrictFiguresAreThoseOf(officer, OWN_TOWN);
    }

    @Test
    void theDistrictsFiguresForAGridWorkerAreThoseOfTheirGrid() {
        assertDistrictFiguresAreThoseOf(worker, fixture.grid());
    }

    @Test
    void householdMembersAreTheSameResidentsTheAdministratorSeesAndAllLieInTheScope() {
        String document = "query($id: ID!) { person(id: $id) { household { members { id cell { code } } } } }";
        List<String> adminMembers = strings(query(document, vars("id", fixture.inGrid().id())), "person.household.members[*].id");
        assertThat(adminMembers).contains(fixture.inGrid().id());

        for (var caller : List.of(officer, worker)) {
            var response = run(caller, document, vars("id", fixture.inGrid().id()));
            assertThat(strings(response, "person.household.members[*].id")).containsExactlyElementsOf(adminMembers);
            assertThat(strings(response, "person.household.members[*].cell.code"))
                    .allSatisfy(code -> assertThat(code).startsWith(fixture.grid()));
        }
    }

    // --- disputes, grid events, incidents ----------------------------------------------

    @Test
    void disputePartiesOutsideTheScopeAreLeftOut() {
        String document = "query($id: ID!) { dispute(id: $id) { id parties { id } } }";
        String id = fixture.crossScopeDispute();
        assertThat(strings(query(document, vars("id", id)), "dispute.parties[*].id")).containsExactly(
                fixture.inGrid().id(), fixture.inNeighbourGrid().id(), fixture.inOtherTown().id());
        assertThat(strings(run(officer, document, vars("id", id)), "dispute.parties[*].id"))
                .containsExactly(fixture.inGrid().id(), fixture.inNeighbourGrid().id());
        assertThat(strings(run(worker, document, vars("id", id)), "dispute.parties[*].id"))
                .containsExactly(fixture.inGrid().id());
    }

    @Test
    void gridEventPersonsOutsideTheScopeAreLeftOut() {
        String document = "query($id: ID!) { gridEvent(id: $id) { id persons { id } } }";
        String id = fixture.crossScopeEvent();
        assertThat(strings(query(document, vars("id", id)), "gridEvent.persons[*].id")).containsExactly(
                fixture.inGrid().id(), fixture.inNeighbourGrid().id(), fixture.inOtherTown().id());
        assertThat(strings(run(officer, document, vars("id", id)), "gridEvent.persons[*].id"))
                .containsExactly(fixture.inGrid().id(), fixture.inNeighbourGrid().id());
        assertThat(strings(run(worker, document, vars("id", id)), "gridEvent.persons[*].id"))
                .containsExactly(fixture.inGrid().id());
    }

    @Test
    void aDisputeOrGridEventElsewhereIsNullExactlyLikeAnUnknownId() {
        String document = "query($d: ID!, $e: ID!, $unknown: ID!) { dispute(id: $d) { id } gridEvent(id: $e) { id } "
                + "unknownDispute: dispute(id: $unknown) { id } unknownEvent: gridEvent(id: $unknown) { id } }";
        var variables = vars("d", fixture.disputeInOtherTown(), "e", fixture.reportedEventInOtherTown(), "unknown", UNKNOWN_ID);
        var admin = query(document, variables);
        assertThat(value(admin, "dispute.id", String.class)).isEqualTo(fixture.disputeInOtherTown());
        assertThat(value(admin, "gridEvent.id", String.class)).isEqualTo(fixture.reportedEventInOtherTown());

        for (var caller : List.of(officer, worker)) {
            var response = run(caller, document, variables);
            response.errors().verify();
            response.path("dispute").valueIsNull().path("gridEvent").valueIsNull()
                    .path("unknownDispute").valueIsNull().path("unknownEvent").valueIsNull();
        }
    }

    @Test
    void aDisputeThatAroseElsewhereIsNotAmongAnInScopePartysDisputes() {
        String document = "query($id: ID!) { person(id: $id) { disputes { id region { code } } } }";
        var variables = vars("id", fixture.inGrid().id());
        assertThat(strings(query(document, variables), "person.disputes[*].id"))
                .contains(fixture.crossScopeDispute(), fixture.disputeInOtherTown());

        var response = run(officer, document, variables);
        assertThat(strings(response, "person.disputes[*].id"))
                .contains(fixture.crossScopeDispute()).doesNotContain(fixture.disputeInOtherTown());
        assertThat(strings(response, "person.disputes[*].region.code")).allSatisfy(code -> assertThat(code).startsWith(OWN_TOWN));
    }

    @Test
    void aPoliceOfficerOfOneTownSeesNoIncidentOfAnotherAndNoPersonOutsideTheirTown() {
        String elsewhere = strings(query("query($t: ID!) { region(code: $t) { incidents(first: 1) { edges { node { id } } } } }",
                vars("t", OTHER_TOWN)), "region.incidents.edges[*].node.id").get(0);
        var police = caller(Role.POLICE, OWN_TOWN);
        var response = run(police, "query($id: ID!) { incident(id: $id) { id } }", vars("id", elsewhere));
        response.errors().verify();
        response.path("incident").valueIsNull();

        var own = run(police, "query($t: ID!) { region(code: $t) { incidents(first: 50) { edges { node { region { code } persons { cell { code } } } } } } }",
                vars("t", DISTRICT));
        assertThat(strings(own, "region.incidents.edges[*].node.region.code")).isNotEmpty()
                .allSatisfy(code -> assertThat(code).startsWith(OWN_TOWN));
        assertThat(strings(own, "region.incidents.edges[*].node.persons[*].cell.code"))
                .allSatisfy(code -> assertThat(code).startsWith(OWN_TOWN));
    }

    // --- mutations -----------------------------------------------------------------------

    @Test
    void aGridWorkerReportingInACellOutsideTheirGridGetsUnknownCellAndNothingIsWritten() {
        String outside = fixture.otherTownCell();
        int before = adminEventCount(outside);
        var response = reportGridEvent(worker, outside, fixture.workerId());
        assertOnlyError(response, "BAD_USER_INPUT", "reportGridEvent", "Unknown cell");
        assertThat(adminEventCount(outside)).isEqualTo(before);

        String neighbourCell = strings(query("query($g: ID!) { regions(level: CELL, under: $g, first: 1) { edges { node { code } } } }",
                vars("g", fixture.neighbourGrid())), "regions.edges[*].node.code").get(0);
        int neighbourBefore = adminEventCount(neighbourCell);
        assertOnlyError(reportGridEvent(worker, neighbourCell, fixture.workerId()), "BAD_USER_INPUT", "reportGridEvent", "Unknown cell");
        assertThat(adminEventCount(neighbourCell)).isEqualTo(neighbourBefore);
    }

    @Test
    void aGridWorkerReportingAsSomeoneElseIsForbiddenAndNothingIsWritten() {
        int before = adminEventCount(fixture.cell());
        var response = reportGridEvent(worker, fixture.cell(), fixture.workerId() + 1);
        assertOnlyError(response, "FORBIDDEN", "reportGridEvent", "reporterId");
        assertThat(adminEventCount(fixture.cell())).isEqualTo(before);
    }

    @Test
    void aGridWorkerReportingInTheirOwnCellAsThemselvesSucceeds() {
        var response = reportGridEvent(worker, fixture.cell(), fixture.workerId());
        assertThat(value(response, "reportGridEvent.region.code", String.class)).isEqualTo(fixture.cell());
    }

    @Test
    void registeringADisputeWithAPartyOutsideTheScopeIsUnknownPersonAndNothingIsWritten() {
        int before = adminDisputeCount(fixture.cell());
        var response = run(officer, "mutation($input: RegisterDisputeInput!) { registerDispute(input: $input) { id } }",
                vars("input", Map.of("idempotencyKey", newKey(), "category", "NEIGHBOUR", "summary", "scope test",
                        "cellCode", fixture.cell(), "partyIds", List.of(fixture.inGrid().id(), fixture.inOtherTown().id()))));
        assertOnlyError(response, "BAD_USER_INPUT", "registerDispute", "Unknown person", fixture.inOtherTown().id());
        assertThat(adminDisputeCount(fixture.cell())).isEqualTo(before);
    }

    @Test
    void advancingAGridEventOutsideTheScopeFailsAsIfItWereUnknownAndChangesNothing() {
        String id = fixture.reportedEventInOtherTown();
        String document = "mutation($id: ID!) { advanceGridEvent(id: $id, to: ACCEPTED) { id status } }";
        var unknown = run(officer, document, vars("id", UNKNOWN_ID));
        assertOnlyError(unknown, "BAD_USER_INPUT", "advanceGridEvent", "No grid event with id " + UNKNOWN_ID);

        for (var caller : List.of(officer, worker)) {
            assertOnlyError(run(caller, document, vars("id", id)), "BAD_USER_INPUT", "advanceGridEvent", "No grid event with id " + id);
        }
        assertThat(value(query("query($id: ID!) { gridEvent(id: $id) { status } }", vars("id", id)), "gridEvent.status", String.class))
                .isEqualTo("REPORTED");
    }

    // --- helpers ---------------------------------------------------------------------------

    private void assertPersonInvisible(HttpGraphQlTester caller, Resident resident) {
        var response = run(caller, "query($id: ID!, $idNumber: String!, $unknown: ID!) { person(id: $id) { id } "
                + "byIdNumber: personByIdNumber(idNumber: $idNumber) { id } unknown: person(id: $unknown) { id } }",
                vars("id", resident.id(), "idNumber", resident.idNumber(), "unknown", UNKNOWN_ID));
        response.errors().verify();
        response.path("person").valueIsNull().path("byIdNumber").valueIsNull().path("unknown").valueIsNull();
    }

    private void assertPersonVisible(HttpGraphQlTester caller, Resident resident) {
        var response = run(caller, "query($id: ID!, $idNumber: String!) { person(id: $id) { id } "
                + "byIdNumber: personByIdNumber(idNumber: $idNumber) { id } }",
                vars("id", resident.id(), "idNumber", resident.idNumber()));
        response.errors().verify();
        response.path("person.id").entity(String.class).isEqualTo(resident.id())
                .path("byIdNumber.id").entity(String.class).isEqualTo(resident.id());
    }

    private void assertPeopleUnderDistrictAreThoseOf(HttpGraphQlTester caller, String scope) {
        String document = "query($u: ID!) { people(under: $u, first: 100) { totalCount edges { node { id cell { code } } } } }";
        var admin = query(document, vars("u", scope));
        var scoped = run(caller, document, vars("u", DISTRICT));
        int expected = count(admin, "people.totalCount");
        assertThat(expected).isPositive();
        assertThat(count(scoped, "people.totalCount")).isEqualTo(expected);
        assertThat(strings(scoped, "people.edges[*].node.id"))
                .containsExactlyElementsOf(strings(admin, "people.edges[*].node.id"));
        assertThat(strings(scoped, "people.edges[*].node.cell.code")).isNotEmpty()
                .allSatisfy(code -> assertThat(code).startsWith(scope));
    }

    private void assertDistrictFiguresAreThoseOf(HttpGraphQlTester caller, String scope) {
        String document = "query($c: ID!) { region(code: $c) { population residents { totalCount } "
                + "disputes { totalCount } gridEvents { totalCount } gridWorkers { totalCount } } }";
        var admin = query(document, vars("c", scope));
        var scoped = run(caller, document, vars("c", DISTRICT));
        assertThat(count(admin, "region.population")).isPositive();
        for (String figure : List.of("population", "residents.totalCount", "disputes.totalCount",
                "gridEvents.totalCount", "gridWorkers.totalCount")) {
            assertThat(count(scoped, "region." + figure)).as(figure).isEqualTo(count(admin, "region." + figure));
        }
    }

    private GraphQlTester.Response reportGridEvent(HttpGraphQlTester caller, String cell, long reporterId) {
        return run(caller, "mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { id region { code } } }",
                vars("input", Map.of("idempotencyKey", newKey(), "category", "SANITATION", "description", "scope test",
                        "cellCode", cell, "reporterId", String.valueOf(reporterId))));
    }

    private int adminEventCount(String region) {
        return count(query("query($c: ID!) { region(code: $c) { gridEvents { totalCount } } }", vars("c", region)),
                "region.gridEvents.totalCount");
    }

    private int adminDisputeCount(String region) {
        return count(query("query($c: ID!) { region(code: $c) { disputes { totalCount } } }", vars("c", region)),
                "region.disputes.totalCount");
    }

    private String adminName(String code) {
        return value(query("query($c: ID!) { region(code: $c) { name } }", vars("c", code)), "region.name", String.class);
    }

    // --- the fixture -----------------------------------------------------------------------

    private record Grid(String code, int population, List<String> workers) {
        String village() {
            return code.substring(0, 12);
        }
    }

    /**
     * The most populous party grid of {@link #OWN_TOWN} that has a grid worker and a neighbouring
     * grid in its village; residents of it, of the neighbour and of {@link #OTHER_TOWN}; and
     * records, written as a district administrator, that name all three.
     */
    private Fixture findFixture() {
        var grids = query("query($t: ID!) { regions(level: GRID, under: $t, first: 100) { edges { node { code population "
                + "gridWorkers(first: 1) { edges { node { id } } } } } } }", vars("t", OWN_TOWN));
        List<Map<String, Object>> nodes = grids.path("regions.edges[*].node").entityList(MAP).get();
        List<Grid> all = nodes.stream().map(ScopeTest::grid).toList();
        Grid grid = all.stream()
                .filter(candidate -> !candidate.workers().isEmpty())
                .filter(candidate -> all.stream().anyMatch(other -> other != candidate
                        && other.village().equals(candidate.village()) && other.population() > 0))
                .max(Comparator.comparingInt(Grid::population)).orElseThrow();
        Grid neighbour = all.stream().filter(other -> other != grid && other.village().equals(grid.village()) && other.population() > 0)
                .findFirst().orElseThrow();

        String cell = firstCode("CELL", grid.code());
        String otherTownCell = firstCode("CELL", OTHER_TOWN);
        Resident inGrid = firstResident(grid.code());
        Resident inNeighbourGrid = firstResident(neighbour.code());
        Resident inOtherTown = firstResident(OTHER_TOWN);
        long workerId = Long.parseLong(grid.workers().get(0));
        List<String> everyone = List.of(inGrid.id(), inNeighbourGrid.id(), inOtherTown.id());

        String crossScopeDispute = registerDispute(cell, everyone);
        String disputeInOtherTown = registerDispute(otherTownCell, List.of(inGrid.id(), inOtherTown.id()));
        String crossScopeEvent = reportAsAdmin(cell, workerId, everyone);
        String reportedElsewhere = reportAsAdmin(otherTownCell, workerId, List.of(inOtherTown.id()));
        return new Fixture(grid.code(), grid.village(), neighbour.code(), cell, otherTownCell, workerId, inGrid,
                inNeighbourGrid, inOtherTown, crossScopeDispute, disputeInOtherTown, crossScopeEvent, reportedElsewhere);
    }

    @SuppressWarnings("unchecked")
    private static Grid grid(Map<String, Object> node) {
        var edges = (List<Map<String, Object>>) ((Map<String, Object>) node.get("gridWorkers")).get("edges");
        return new Grid((String) node.get("code"), ((Number) node.get("population")).intValue(),
                edges.stream().map(edge -> (String) ((Map<String, Object>) edge.get("node")).get("id")).toList());
    }

    private String firstCode(String level, String under) {
        return strings(query("query($l: RegionLevel!, $u: ID!) { regions(level: $l, under: $u, first: 1) { edges { node { code } } } }",
                vars("l", level, "u", under)), "regions.edges[*].node.code").get(0);
    }

    private Resident firstResident(String under) {
        var response = query("query($u: ID!) { people(under: $u, first: 1) { edges { node { id idNumber } } } }", vars("u", under));
        return new Resident(strings(response, "people.edges[*].node.id").get(0),
                strings(response, "people.edges[*].node.idNumber").get(0));
    }

    private String reportAsAdmin(String cell, long reporterId, List<String> persons) {
        return value(asWorker(String.valueOf(reporterId))
                        .document("mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { id status } }")
                        .variables(vars("input", Map.of("idempotencyKey", newKey(), "category", "WELFARE", "description", "scope fixture",
                                "cellCode", cell, "reporterId", String.valueOf(reporterId), "personIds", persons))).execute(),
                "reportGridEvent.id", String.class);
    }

    private String registerDispute(String cell, List<String> parties) {
        return value(query("mutation($input: RegisterDisputeInput!) { registerDispute(input: $input) { id } }",
                vars("input", Map.of("idempotencyKey", newKey(), "category", "NEIGHBOUR", "summary", "scope fixture",
                        "cellCode", cell, "partyIds", parties))), "registerDispute.id", String.class);
    }
}
