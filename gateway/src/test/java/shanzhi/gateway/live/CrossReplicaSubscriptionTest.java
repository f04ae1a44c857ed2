package shanzhi.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;

/**
 * Two replicas behind one load balancer: a grid worker's app reports through one, the town's
 * dashboard is subscribed on the other, over graphql-ws or over SSE. The report and each later
 * status change reach the dashboard, resolved and scoped by the replica it is connected to.
 */
class CrossReplicaSubscriptionTest extends LiveTestBase {
    private static final String DISTRICT = "440513";
    private static final String REPORTED = "subscription($under: ID!) { gridEventReported(under: $under) "
            + "{ id description status region { code } reporter { id name } } }";
    private static final String CHANGED = "subscription($under: ID!) { gridEventChanged(under: $under) "
            + "{ id description status } }";

    private static GatewayInstance other;

    @BeforeAll
    static void startOther() {
        other = GatewayInstance.start(Map.of());
    }

    @AfterAll
    static void stopOther() {
        if (other != null) {
            other.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aReportAndItsStatusChangeThroughOneReplicaReachASubscriberOnTheOther(Transport transport) throws Exception {
        String[] cellAndWorker = OutboxTables.cellAndWorker();
        String cell = cellAndWorker[0];
        String town = cell.substring(0, 9);
        String token = token(Role.TOWN_OFFICER, town);
        Received reported = subscribe(client(transport, token), REPORTED, vars("under", town));
        Received changed = subscribe(client(transport, token), CHANGED, vars("under", town));

        String description = "across replicas over " + transport + " " + UUID.randomUUID();
        String id = onOther("mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { id } }",
                Map.of("input", Map.of("idempotencyKey", "x-replica-" + UUID.randomUUID(), "category", "SANITATION",
                        "description", description, "cellCode", cell, "reporterId", cellAndWorker[1])), Long.valueOf(cellAndWorker[1]))
                .read("$.data.reportGridEvent.id");
        onOther("mutation($id: ID!) { advanceGridEvent(id: $id, to: ACCEPTED) { status } }", Map.of("id", id));

        Map<String, Object> event = only(reported, "gridEventReported", id);
        assertThat(event).containsEntry("description", description).containsEntry("status", "REPORTED");
        assertThat(event.get("region")).isEqualTo(Map.of("code", cell));
        assertThat(event.get("reporter")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("id", cellAndWorker[1]).extractingByKey("name").asString().isNotBlank();
        assertThat(only(changed, "gridEventChanged", id)).containsEntry("status", "ACCEPTED");
    }

    /** The one event about {@code id} among what the subscription received (others may report meanwhile). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(Received received, String field, String id) {
        java.util.function.Supplier<List<Map<String, Object>>> about = () -> received.list().stream()
                .map(response -> (Map<String, Object>) response.field(field).toEntity(Map.class))
                .filter(event -> id.equals(event.get("id"))).toList();
        org.awaitility.Awaitility.await().atMost(DEADLINE).until(() -> !about.get().isEmpty() || received.ended());
        assertThat(about.get()).as("events about %s, errors %s", id, received.error).hasSize(1);
        return about.get().get(0);
    }

    private static DocumentContext onOther(String document, Map<String, Object> variables) {
        return onOther(document, variables, null);
    }

    /** As a district administrator whose token names {@code worker} (grid events are filed by the token's worker). */
    private static DocumentContext onOther(String document, Map<String, Object> variables, Long worker) {
        String token = other.bean(shanzhi.gateway.authentication.DemoTokenIssuer.class).issue("cross-replica",
                List.of(Role.DISTRICT_ADMIN), DISTRICT, worker, "live-tests", java.time.Duration.ofMinutes(10));
        String body = other.http().post().uri("/graphql").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", document, "variables", variables))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        DocumentContext answer = JsonPath.parse(body);
        assertThat(answer.<Object>read("$.data")).as("answer %s", body).isNotNull();
        return answer;
    }
}
