package shanzhi.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.Endpoint;
import shanzhi.gateway.sources.StatementCounter;

/**
 * Stopping a replica (a rolling deploy, a scale-down) must not cut the answers it is working on:
 * the request in flight is answered in full, and only then does the replica stop listening.
 * The security store is reached through a slowing proxy so a request is reliably in flight
 * when the stop begins.
 */
class GracefulShutdownTest {
    private static final String TOWN_CARD = "query($t: ID!) { region(code: $t) { code name population "
            + "judicialOffice { name } policeStation { name } } }";
    private static final Duration STORE_DELAY = Duration.ofMillis(1500);

    private TcpProxy proxy;
    private GatewayInstance gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aRequestInFlightIsAnsweredInFullBeforeTheReplicaStops() throws Exception {
        TestDatabases databases = TestDatabases.get();
        Endpoint security = Endpoint.parse(databases.url(Department.SECURITY), databases.user(), databases.password());
        proxy = TcpProxy.start(security.host(), security.port());
        gateway = GatewayInstance.start(Map.of(
                "shanzhi.sources.security.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + security.database(),
                "shanzhi.sources.security.resilience.timeout", "20s",
                "shanzhi.sources.security.pool.acquire-timeout", "20s",
                "shanzhi.sources.security.pool.connect-timeout", "20s",
                // Offices and stations are cached reference data; without the cache every request reaches the stores.
                "shanzhi.reference-cache.enabled", "false"));
        String token = gateway.token("shutdown-tests", List.of(Role.DISTRICT_ADMIN), "440513", "shutdown-tests");
        WebClient client = WebClient.create("http://127.0.0.1:" + gateway.port());
        StatementCounter statements = gateway.bean(StatementCounter.class);

        // A pooled connection that is already open, so only the statement itself is slowed.
        client.post().uri("/graphql").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", TOWN_CARD, "variables", Map.of("t", "440513001")))
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
        proxy.delay(STORE_DELAY);
        long sent = statements.count(Department.SECURITY);
        CompletableFuture<String> inFlight = client.post().uri("/graphql").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", TOWN_CARD, "variables", Map.of("t", "440513001")))
                .retrieve().bodyToMono(String.class).toFuture();
        // The request is in flight once its security statement has gone to the (slow) store.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (statements.count(Department.SECURITY) == sent && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(statements.count(Department.SECURITY)).as("security statement sent").isGreaterThan(sent);
        assertThat(inFlight).as("still waiting for the slow store").isNotDone();

        int port = gateway.port();
        gateway.close();
        gateway = null;

        DocumentContext answer = JsonPath.using(com.jayway.jsonpath.Configuration.defaultConfiguration()
                .addOptions(com.jayway.jsonpath.Option.SUPPRESS_EXCEPTIONS)).parse(inFlight.get(5, TimeUnit.SECONDS));
        assertThat(answer.<Object>read("$.errors")).isNull();
        assertThat(answer.<String>read("$.data.region.policeStation.name")).isNotBlank();
        assertThat(answer.<String>read("$.data.region.judicialOffice.name")).isNotBlank();

        assertThatThrownBy(() -> WebClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(5)))
                .as("a stopped replica accepts no new request").isNotNull();
    }
}
