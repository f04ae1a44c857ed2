package shanzhi.gateway.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.sources.Department;

/**
 * Who files a record, and whose idempotency key it is. A grid event is filed by the worker the
 * token names, whatever the role, and the store records who sent it as whom; an idempotency key
 * belongs to the caller's client and subject, so another caller's equal key makes its own record.
 */
class FilingApiTest extends ApiTestBase {
    private static final String REPORT = "mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { id reporter { id } } }";
    private static final String REGISTER = "mutation($input: RegisterDisputeInput!) { registerDispute(input: $input) { id } }";

    @Test
    void aReportRecordsWhoFiledItAsWhom() {
        GridStore.Place place = GridStore.places(1).get(0);
        String description = "filed-by " + UUID.randomUUID();
        String id = report(worker(place, "filer-1", "field-app"), place, newKey(), description, place.workerId())
                .path("reportGridEvent.id").entity(String.class).get();
        assertThat(GridStore.rows(Department.GRID, "SELECT filed_by_subject, array_to_string(filed_by_roles, ','), "
                + "filed_by_client, reporter_id FROM grid_event WHERE id = ?", Long.parseLong(id)))
                .containsExactly(List.of("filer-1", "GRID_WORKER", "field-app", String.valueOf(place.workerId())));
    }

    @Test
    void anOfficerOrAdministratorMayNotFileInAGridWorkersName() {
        GridStore.Place place = GridStore.places(1).get(0);
        String description = "in another's name " + UUID.randomUUID();
        HttpGraphQlTester officer = as(List.of(Role.TOWN_OFFICER), GridStore.TOWN, null);
        assertForbidden(report(officer, place, newKey(), description, place.workerId()), "names no worker_id");
        HttpGraphQlTester admin = as(List.of(Role.DISTRICT_ADMIN), DISTRICT, null);
        assertForbidden(report(admin, place, newKey(), description, place.workerId()), "names no worker_id");
        HttpGraphQlTester adminAsAnotherWorker = as(List.of(Role.DISTRICT_ADMIN), DISTRICT, place.workerId() + 1);
        assertForbidden(report(adminAsAnotherWorker, place, newKey(), description, place.workerId()),
                "reporterId must be " + (place.workerId() + 1));
        assertThat(GridStore.rows(Department.GRID, "SELECT id FROM grid_event WHERE description = ?", description)).isEmpty();
    }

    @Test
    void anotherCallersEqualKeyReportsItsOwnEventAndARetryFindsTheFirst() {
        List<GridStore.Place> places = GridStore.places(2);
        String key = "shared-key-" + UUID.randomUUID();
        HttpGraphQlTester first = worker(places.get(0), "key-owner", "field-app");
        String own = report(first, places.get(0), key, "first " + key, places.get(0).workerId())
                .path("reportGridEvent.id").entity(String.class).get();

        // Another subject of the same client, and the same subject of another client: each its own event.
        String otherSubject = report(worker(places.get(1), "key-squatter", "field-app"), places.get(1), key,
                "second " + key, places.get(1).workerId()).path("reportGridEvent.id").entity(String.class).get();
        String otherClient = report(worker(places.get(0), "key-owner", "other-app"), places.get(0), key,
                "third " + key, places.get(0).workerId()).path("reportGridEvent.id").entity(String.class).get();
        assertThat(List.of(own, otherSubject, otherClient)).doesNotHaveDuplicates();

        String retry = report(first, places.get(0), key, "retry " + key, places.get(0).workerId())
                .path("reportGridEvent.id").entity(String.class).get();
        assertThat(retry).isEqualTo(own);
        assertThat(GridStore.rows(Department.GRID, "SELECT count(*) FROM grid_event WHERE idempotency_key = ?", key))
                .containsExactly(List.of("3"));
    }

    @Test
    void disputeKeysAreTheCallersOwnToo() {
        GridStore.Place place = GridStore.places(1).get(0);
        List<String> parties = query("query($c: ID!) { people(under: $c, first: 2) { edges { node { id } } } }",
                vars("c", GridStore.TOWN)).path("people.edges[*].node.id").entityList(String.class).get();
        String key = "dispute-key-" + UUID.randomUUID();
        String first = register(officer("officer-a"), place, key, parties);
        String second = register(officer("officer-b"), place, key, parties);
        assertThat(second).isNotEqualTo(first);
        assertThat(register(officer("officer-a"), place, key, parties)).isEqualTo(first);
        assertThat(GridStore.rows(Department.LEGAL, "SELECT filed_by_subject, filed_by_client FROM dispute "
                + "WHERE idempotency_key = ? ORDER BY id", key))
                .containsExactly(List.of("officer-a", "api-tests"), List.of("officer-b", "api-tests"));
    }

    private HttpGraphQlTester worker(GridStore.Place place, String subject, String client) {
        String token = tokens.issue(subject, List.of(Role.GRID_WORKER), place.grid(), place.workerId(), client,
                Duration.ofMinutes(5));
        return HttpGraphQlTester.create(http()).mutate().header("Authorization", "Bearer " + token).build();
    }

    private HttpGraphQlTester officer(String subject) {
        String token = tokens.issue(subject, List.of(Role.TOWN_OFFICER), GridStore.TOWN, null, "api-tests",
                Duration.ofMinutes(5));
        return HttpGraphQlTester.create(http()).mutate().header("Authorization", "Bearer " + token).build();
    }

    private static GraphQlTester.Response report(HttpGraphQlTester caller, GridStore.Place place, String key,
                                                 String description, long reporter) {
        return caller.document(REPORT).variables(Map.of("input", Map.of("idempotencyKey", key, "category", "SANITATION",
                "description", description, "cellCode", place.cell(), "reporterId", String.valueOf(reporter)))).execute();
    }

    private static String register(HttpGraphQlTester caller, GridStore.Place place, String key, List<String> parties) {
        return caller.document(REGISTER).variables(Map.of("input", Map.of("idempotencyKey", key, "category", "NEIGHBOUR",
                        "summary", "filing test", "cellCode", place.cell(), "partyIds", parties))).execute()
                .path("registerDispute.id").entity(String.class).get();
    }

    private static void assertForbidden(GraphQlTester.Response response, String messagePart) {
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getExtensions()).containsEntry("code", "FORBIDDEN");
            assertThat(errors.get(0).getMessage()).contains(messagePart);
        });
    }
}
