package shanzhi.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;

/**
 * The field rules of schema/access.graphqls, role by role, each caller in a scope that holds
 * the person under test (a released prisoner or community-correction resident with a phone):
 * masking (@masked), fields only some roles may use (@allow) and tag values only some roles may
 * see or filter by (@restrictedValues). Every answer is compared with a district
 * administrator's answer for the same scope.
 */
class FieldRulesTest extends AccessTestBase {
    private static final Set<Role> UNMASKED = EnumSet.of(Role.DISTRICT_ADMIN, Role.POLICE);
    private static final Set<Role> SEE_INCIDENTS = EnumSet.of(Role.POLICE, Role.DISTRICT_ADMIN);
    private static final Set<Role> SEE_INCIDENT_STATS = EnumSet.of(Role.POLICE, Role.DISTRICT_ADMIN, Role.TOWN_OFFICER);
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
    private static Fixture fixture;

    /** The person under test (as the administrator sees them), their party grid and one of its workers. */
    private record Fixture(String personId, String idNumber, String phone, List<String> tags, String restrictedTag,
                           String grid, long workerId, String incidentInTown) {
    }

    @BeforeEach
    void findFixture() {
        if (fixture == null) {
            fixture = personWithRestrictedTagAndPhone();
        }
    }

    // --- @masked -------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Role.class)
    void idNumberIsWholeForDistrictAdminAndPoliceAndOnlyTheRegionOfIssueForOthers(Role role) {
        String idNumber = value(run(callerInScope(role), "query($id: ID!) { person(id: $id) { idNumber } }",
                vars("id", fixture.personId())), "person.idNumber", String.class);
        if (UNMASKED.contains(role)) {
            assertThat(idNumber).isEqualTo(fixture.idNumber());
        } else {
            assertThat(idNumber).matches("\\d{6}\\*{12}").isEqualTo(fixture.idNumber().substring(0, 6) + "*".repeat(12));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void phoneIsWholeForDistrictAdminAndPoliceAndMaskedThreeStarsFourForOthers(Role role) {
        String phone = value(run(callerInScope(role), "query($id: ID!) { person(id: $id) { phone } }",
                vars("id", fixture.personId())), "person.phone", String.class);
        if (UNMASKED.contains(role)) {
            assertThat(phone).isEqualTo(fixture.phone());
        } else {
            assertThat(phone).matches("\\d{3}\\*{4}\\d{4}")
                    .isEqualTo(fixture.phone().substring(0, 3) + "****" + fixture.phone().substring(7));
        }
    }

    @Test
    void aPartnerSeesOnlyMaskedIdNumbersAndPhonesWhereverAPersonIsReached() {
        String document = "query($u: ID!) { people(under: $u, first: 50) { edges { node { idNumber phone "
                + "household { members { idNumber phone } } } } } }";
        var admin = query(document, vars("u", OWN_TOWN));
        var partner = run(caller(Role.PARTNER, OWN_TOWN), document, vars("u", OWN_TOWN));
        for (String path : List.of("people.edges[*].node", "people.edges[*].node.household.members[*]")) {
            List<String> adminIds = strings(admin, path + ".idNumber");
            assertThat(strings(partner, path + ".idNumber")).isNotEmpty()
                    .containsExactlyElementsOf(adminIds.stream().map(id -> id.substring(0, 6) + "*".repeat(12)).toList());
            List<String> adminPhones = strings(admin, path + ".phone");
            assertThat(strings(partner, path + ".phone")).isNotEmpty()
                    .containsExactlyElementsOf(adminPhones.stream().map(p -> p == null ? null : p.substring(0, 3) + "****" + p.substring(7)).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void gridWorkersAndLegalAdvisersWorkContactsAreWholeForEveryRole(Role role) {
        String village = fixture.grid().substring(0, 12);
        String document = "query($g: ID!, $v: ID!) { region(code: $g) { gridWorkers(first: 20) { edges { node { id name phone partyMember } } } } "
                + "village: region(code: $v) { legalAdviser { id name lawFirm phone } } }";
        var variables = vars("g", fixture.grid(), "v", village);
        var admin = run(adminOf(OWN_TOWN), document, variables);
        var response = run(callerInScope(role), document, variables);
        response.errors().verify();
        assertThat(response.path("region.gridWorkers.edges[*].node").entityList(MAP).get()).isNotEmpty()
                .isEqualTo(admin.path("region.gridWorkers.edges[*].node").entityList(MAP).get());
        assertThat(response.path("village.legalAdviser").entity(MAP).get()).containsKey("phone")
                .isEqualTo(admin.path("village.legalAdviser").entity(MAP).get());
    }

    // --- @allow ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Role.class)
    void incidentsAreForPoliceAndDistrictAdminOthersGetForbiddenAtThePathAndTheRestIsServed(Role role) {
        String scope = scopeOf(role);
        String document = "query($id: ID!, $scope: ID!, $incident: ID!) { "
                + "person(id: $id) { id name incidents { id } } "
                + "region(code: $scope) { code name incidents(first: 10) { totalCount edges { node { id } } } } "
                + "incident(id: $incident) { id category } }";
        var variables = vars("id", fixture.personId(), "scope", scope, "incident", fixture.incidentInTown());
        var response = run(callerInScope(role), document, variables);
        var admin = run(adminOf(scope), document, variables);

        if (SEE_INCIDENTS.contains(role)) {
            response.errors().verify();
            assertThat(strings(response, "person.incidents[*].id")).containsExactlyElementsOf(strings(admin, "person.incidents[*].id"));
            assertThat(count(response, "region.incidents.totalCount")).isPositive()
                    .isEqualTo(count(admin, "region.incidents.totalCount"));
            assertThat(strings(response, "region.incidents.edges[*].node.id"))
                    .containsExactlyElementsOf(strings(admin, "region.incidents.edges[*].node.id"));
            assertThat(value(response, "incident.id", String.class)).isEqualTo(fixture.incidentInTown());
        } else {
            assertForbiddenAt(response, "person.incidents", "region.incidents", "incident");
            response.path("person.incidents").valueIsNull()
                    .path("region.incidents").valueIsNull()
                    .path("incident").valueIsNull()
                    .path("person.id").entity(String.class).isEqualTo(fixture.personId())
                    .path("person.name").entity(String.class).isEqualTo(value(admin, "person.name", String.class))
                    .path("region.code").entity(String.class).isEqualTo(scope)
                    .path("region.name").entity(String.class).isEqualTo(value(admin, "region.name", String.class));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void incidentStatsAreAlsoForTownOfficersOthersGetForbiddenAndTheRestIsServed(Role role) {
        String scope = scopeOf(role);
        String document = "query($scope: ID!) { region(code: $scope) { code population "
                + "incidentStats(year: 2021) { category count previousYearCount } } }";
        var response = run(callerInScope(role), document, vars("scope", scope));
        var admin = run(adminOf(scope), document, vars("scope", scope));

        if (SEE_INCIDENT_STATS.contains(role)) {
            List<Map<String, Object>> stats = stats(response);
            assertThat(stats).hasSize(4).isEqualTo(stats(admin));
            assertThat(stats).anySatisfy(stat -> assertThat(((Number) stat.get("count")).intValue()).isPositive());
        } else {
            assertForbiddenAt(response, "region.incidentStats");
            response.path("region.incidentStats").valueIsNull()
                    .path("region.code").entity(String.class).isEqualTo(scope)
                    .path("region.population").entity(Integer.class).isEqualTo(value(admin, "region.population", Integer.class));
        }
    }

    // --- @restrictedValues ----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRestrictedTagIsVisibleOnlyToItsRolesAndAbsentForOthers(Role role) {
        List<String> tags = strings(run(callerInScope(role), "query($id: ID!) { person(id: $id) { tags } }",
                vars("id", fixture.personId())), "person.tags");
        List<String> expected = new ArrayList<>(fixture.tags());
        expected.removeAll(tagsHiddenFrom(role));
        assertThat(tags).containsExactlyElementsOf(expected);
        assertThat(tagsHiddenFrom(role)).noneMatch(tags::contains);
        if (TAG_VISIBLE_TO.get(fixture.restrictedTag()).contains(role)) {
            assertThat(tags).contains(fixture.restrictedTag());
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void restrictedTagsAppearInNoListingForRolesThatMayNotSeeThem(Role role) {
        String scope = scopeOf(role);
        String document = "query($u: ID!) { people(under: $u, first: 100) { edges { node { tags } } } }";
        List<String> adminTags = strings(run(adminOf(scope), document, vars("u", scope)), "people.edges[*].node.tags[*]");
        List<String> tags = strings(run(callerInScope(role), document, vars("u", scope)), "people.edges[*].node.tags[*]");
        List<String> expected = new ArrayList<>(adminTags);
        expected.removeAll(tagsHiddenFrom(role));
        assertThat(tagsHiddenFrom(role)).noneMatch(tags::contains);
        assertThat(tags).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void filteringByARestrictedTagIsForbiddenForRolesThatMayNotSeeIt(Role role) {
        String scope = scopeOf(role);
        String document = "query($u: ID!, $tag: PersonTag) { people(under: $u, filter: { tag: $tag }) { totalCount edges { node { id } } } "
                + "region(code: $u) { code residents(filter: { tag: $tag }) { totalCount } } }";
        for (Map.Entry<String, Set<Role>> rule : TAG_VISIBLE_TO.entrySet()) {
            String tag = rule.getKey();
            var variables = vars("u", scope, "tag", tag);
            var response = run(callerInScope(role), document, variables);
            if (rule.getValue().contains(role)) {
                var admin = run(adminOf(scope), document, variables);
                assertThat(count(response, "people.totalCount")).isEqualTo(count(admin, "people.totalCount"));
                assertThat(count(response, "region.residents.totalCount")).isEqualTo(count(admin, "region.residents.totalCount"));
                if (tag.equals(fixture.restrictedTag())) {
                    assertThat(strings(response, "people.edges[*].node.id")).contains(fixture.personId());
                }
            } else {
                assertForbiddenAt(response, "people", "region.residents");
                response.path("people").valueIsNull()
                        .path("region.residents").valueIsNull()
                        .path("region.code").entity(String.class).isEqualTo(scope);
            }
        }
    }

    // --- mutations ---------------------------------------------------------------------------

    @Test
    void aPartnerCannotRunAnyMutationAndNothingIsWritten() {
        var partner = caller(Role.PARTNER, OWN_TOWN);
        String cell = cellOf(fixture.grid());
        String event = reportedEventIn(cell);
        int events = adminCount(cell, "gridEvents");
        int disputes = adminCount(cell, "disputes");

        assertOnlyError(reportGridEvent(partner, cell), "FORBIDDEN", "reportGridEvent");
        assertOnlyError(registerDispute(partner, cell), "FORBIDDEN", "registerDispute");
        assertOnlyError(run(partner, "mutation($id: ID!) { advanceGridEvent(id: $id, to: ACCEPTED) { id } }", vars("id", event)),
                "FORBIDDEN", "advanceGridEvent");

        assertThat(adminCount(cell, "gridEvents")).isEqualTo(events);
        assertThat(adminCount(cell, "disputes")).isEqualTo(disputes);
        assertThat(value(query("query($id: ID!) { gridEvent(id: $id) { status } }", vars("id", event)), "gridEvent.status", String.class))
                .isEqualTo("REPORTED");
    }

    @Test
    void thePoliceCannotReportGridEvents() {
        String cell = cellOf(fixture.grid());
        int events = adminCount(cell, "gridEvents");
        assertOnlyError(reportGridEvent(caller(Role.POLICE, OWN_TOWN), cell), "FORBIDDEN", "reportGridEvent");
        assertThat(adminCount(cell, "gridEvents")).isEqualTo(events);
    }

    @Test
    void aTownOfficerMayNotReportAGridEventInAGridWorkersName() {
        String cell = cellOf(fixture.grid());
        int events = adminCount(cell, "gridEvents");
        assertOnlyError(reportGridEvent(caller(Role.TOWN_OFFICER, OWN_TOWN), cell), "FORBIDDEN", "reportGridEvent",
                "names no worker_id");
        assertThat(adminCount(cell, "gridEvents")).isEqualTo(events);
    }

    // --- helpers ---------------------------------------------------------------------------

    private HttpGraphQlTester callerInScope(Role role) {
        return role == Role.GRID_WORKER ? gridWorker(fixture.grid(), fixture.workerId()) : caller(role, OWN_TOWN);
    }

    private static String scopeOf(Role role) {
        return role == Role.GRID_WORKER ? fixture.grid() : OWN_TOWN;
    }

    private static List<Map<String, Object>> stats(GraphQlTester.Response response) {
        response.errors().verify();
        return response.path("region.incidentStats").entityList(MAP).get();
    }

    private GraphQlTester.Response reportGridEvent(HttpGraphQlTester caller, String cell) {
        return run(caller, "mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { id region { code } } }",
                vars("input", Map.of("idempotencyKey", newKey(), "category", "SANITATION", "description", "field rules test",
                        "cellCode", cell, "reporterId", String.valueOf(fixture.workerId()))));
    }

    private GraphQlTester.Response registerDispute(HttpGraphQlTester caller, String cell) {
        List<String> parties = strings(query("query($c: ID!) { people(under: $c, first: 2) { edges { node { id } } } }",
                vars("c", fixture.grid())), "people.edges[*].node.id");
        return run(caller, "mutation($input: RegisterDisputeInput!) { registerDispute(input: $input) { id } }",
                vars("input", Map.of("idempotencyKey", newKey(), "category", "FAMILY", "summary", "field rules test",
                        "cellCode", cell, "partyIds", parties)));
    }

    private int adminCount(String region, String connection) {
        return count(query("query($c: ID!) { region(code: $c) { " + connection + " { totalCount } } }", vars("c", region)),
                "region." + connection + ".totalCount");
    }

    private String cellOf(String grid) {
        return strings(query("query($g: ID!) { regions(level: CELL, under: $g, first: 1) { edges { node { code } } } }",
                vars("g", grid)), "regions.edges[*].node.code").get(0);
    }

    /** A new event in status REPORTED, filed by the fixture's grid worker. */
    private String reportedEventIn(String cell) {
        return value(reportGridEvent(gridWorker(fixture.grid(), fixture.workerId()), cell), "reportGridEvent.id", String.class);
    }

    /**
     * A resident of {@link #OWN_TOWN} with a phone carrying a restricted tag (preferring one with
     * incidents), the party grid they live in and a worker of it, and an incident in the town.
     */
    @SuppressWarnings("unchecked")
    private Fixture personWithRestrictedTagAndPhone() {
        for (String tag : RESTRICTED_TAGS) {
            var response = query("query($u: ID!, $tag: PersonTag) { people(under: $u, filter: { tag: $tag }, first: 100) { edges { node { "
                    + "id idNumber phone tags cell { code } incidents { id } } } } }", vars("u", OWN_TOWN, "tag", tag));
            List<Map<String, Object>> people = response.path("people.edges[*].node").entityList(MAP).get();
            var candidate = people.stream().filter(person -> person.get("phone") != null)
                    .sorted((a, b) -> Integer.compare(((List<?>) b.get("incidents")).size(), ((List<?>) a.get("incidents")).size()))
                    .findFirst();
            if (candidate.isPresent()) {
                Map<String, Object> person = candidate.get();
                String grid = ((String) ((Map<String, Object>) person.get("cell")).get("code")).substring(0, 14);
                String worker = strings(query("query($g: ID!) { region(code: $g) { gridWorkers(first: 1) { edges { node { id } } } } }",
                        vars("g", grid)), "region.gridWorkers.edges[*].node.id").get(0);
                String incident = strings(query("query($t: ID!) { region(code: $t) { incidents(first: 1) { edges { node { id } } } } }",
                        vars("t", OWN_TOWN)), "region.incidents.edges[*].node.id").get(0);
                return new Fixture((String) person.get("id"), (String) person.get("idNumber"), (String) person.get("phone"),
                        (List<String>) person.get("tags"), tag, grid, Long.parseLong(worker), incident);
            }
        }
        throw new IllegalStateException("No resident of " + OWN_TOWN + " with a phone carries a restricted tag");
    }
}
