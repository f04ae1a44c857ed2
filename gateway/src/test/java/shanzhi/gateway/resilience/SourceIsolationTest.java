package shanzhi.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.sources.DatabaseProvisioner;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.Endpoint;
import shanzhi.gateway.sources.StatementCounter;

/**
 * The security store on a PostgreSQL server of the test's own, behind a TCP proxy the test
 * controls (cut, slowed, restored), served by one gateway instance with a short timeout, a small
 * breaker window and a bulkhead of two; the other three departments are the shared test
 * databases, reached directly. Cutting the proxy is what a stopped server looks like to the
 * gateway (pooled connections break, new ones fail) without waiting for a process, so most
 * tests use it; one test stops and restarts the real server.
 */
class SourceIsolationTest {
    private static final String TOWN = "440513001";
    /** One field per department: name (grid), population (people), offices (legal, security). */
    private static final String TOWN_CARD = "query($t: ID!) { region(code: $t) { code name population "
            + "judicialOffice { name } policeStation { name } } }";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration WAIT_IN_OPEN = Duration.ofSeconds(2);
    private static final int WINDOW = 4;

    private static final int BULKHEAD = 2;

    private static RestartableStore store;
    private static TcpProxy proxy;
    private static GatewayInstance gateway;
    private static CircuitBreaker breaker;
    private static String token;

    @BeforeAll
    static void start() {
        store = RestartableStore.start();
        Endpoint security = new Endpoint("127.0.0.1", store.port(), "shanzhi_security", "postgres", "");
        DatabaseProvisioner.createIfMissing(security);
        proxy = TcpProxy.start(security.host(), security.port());
        String prefix = "shanzhi.sources.security.";
        gateway = GatewayInstance.start(Map.ofEntries(
                Map.entry(prefix + "url", "postgresql://127.0.0.1:" + proxy.port() + "/" + security.database()),
                Map.entry(prefix + "username", security.username()),
                Map.entry(prefix + "password", security.password()),
                Map.entry(prefix + "resilience.timeout", TIMEOUT.toMillis() + "ms"),
                Map.entry(prefix + "resilience.sliding-window", String.valueOf(WINDOW)),
                Map.entry(prefix + "resilience.failure-rate-threshold", "50"),
                Map.entry(prefix + "resilience.wait-in-open-state", WAIT_IN_OPEN.toMillis() + "ms"),
                Map.entry(prefix + "resilience.permitted-calls-in-half-open-state", "1"),
                Map.entry(prefix + "resilience.max-concurrent-calls", String.valueOf(BULKHEAD)),
                Map.entry(prefix + "pool.acquire-timeout", "2s"),
                Map.entry(prefix + "pool.connect-timeout", "1s"),
                // The offices and stations these tests read are reference data: with the reference
                // cache they would be served from it while the store is cut. The store's guard is
                // under test here, so every read must reach the store.
                Map.entry("shanzhi.reference-cache.enabled", "false")));
        breaker = gateway.bean(SourceGuards.class).circuitBreaker(Department.SECURITY);
        token = gateway.token("resilience-tests", List.of(Role.DISTRICT_ADMIN), "440513", "resilience-tests");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** Each test starts from a reachable store and a closed breaker with an empty window. */
    @BeforeEach
    void reachable() {
        proxy.restore();
        breaker.reset();
    }

    @Test
    void aStoppedStoreCostsOnlyItsOwnFieldsEachWithItsPathAndSource() {
        assertWhole(graphQl(TOWN_CARD, Map.of("t", TOWN)));
        proxy.cut();

        DocumentContext answer = graphQl("query($t: ID!) { region(code: $t) { code name population "
                + "judicialOffice { name } policeStation { name } } "
                + "people(under: $t, first: 2) { edges { node { name household { address } incidents { id } } } } }",
                Map.of("t", TOWN));

        assertThat(answer.<String>read("$.data.region.name")).isNotBlank();
        assertThat(answer.<Integer>read("$.data.region.population")).isPositive();
        assertThat(answer.<String>read("$.data.region.judicialOffice.name")).isNotBlank();
        assertThat(answer.<Object>read("$.data.region.policeStation")).isNull();
        assertThat(answer.<List<String>>read("$.data.people.edges[*].node.name")).hasSize(2).allMatch(n -> !n.isBlank());
        assertThat(answer.<List<String>>read("$.data.people.edges[*].node.household.address")).hasSize(2);
        assertThat(answer.<List<Object>>read("$.data.people.edges[*].node.incidents")).hasSize(2).containsOnlyNulls();

        List<Map<String, Object>> errors = answer.read("$.errors");
        assertThat(errors).extracting(e -> e.get("path")).containsExactlyInAnyOrder(
                List.of("region", "policeStation"),
                List.of("people", "edges", 0, "node", "incidents"),
                List.of("people", "edges", 1, "node", "incidents"));
        assertThat(errors).allSatisfy(error -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
            // exactly these, and the trace id for the operator
            assertThat(extensions).containsOnlyKeys("code", "source", "classification", "traceId")
                    .containsAllEntriesOf(Map.of("code", "SOURCE_UNAVAILABLE", "source", "security",
                            "classification", "INTERNAL_ERROR"));
            assertThat((String) error.get("message")).startsWith("The security store is unavailable");
        });
    }

    @Test
    void aSlowStoreTimesOutItsFieldsWhileTheOtherDepartmentsAnswer() {
        proxy.delay(TIMEOUT.multipliedBy(3));

        long started = System.nanoTime();
        DocumentContext answer = graphQl(TOWN_CARD, Map.of("t", TOWN));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("answered at the source's timeout, not the store's pace").isLessThan(TIMEOUT.multipliedBy(2));
        assertThat(answer.<Object>read("$.data.region.policeStation")).isNull();
        assertThat(answer.<String>read("$.data.region.judicialOffice.name")).isNotBlank();
        assertThat(answer.<Integer>read("$.data.region.population")).isPositive();
        assertThat(answer.<List<Object>>read("$.errors[*].path")).containsExactly(List.of("region", "policeStation"));
        assertThat(answer.<String>read("$.errors[0].extensions.code")).isEqualTo("SOURCE_UNAVAILABLE");
        assertThat(answer.<String>read("$.errors[0].extensions.source")).isEqualTo("security");
        assertThat(answer.<String>read("$.errors[0].message")).contains("no answer within 1000 ms");
    }

    @Test
    void theBreakerOpensFailsFastWithoutTouchingTheStoreAndClosesWhenTheStoreReturns() {
        StatementCounter statements = gateway.bean(StatementCounter.class);
        proxy.cut();

        long attemptsBefore = proxy.connections();
        for (int i = 0; i < WINDOW * 2 && breaker.getState() != CircuitBreaker.State.OPEN; i++) {
            assertOnlySecurityMissing(graphQl(TOWN_CARD, Map.of("t", TOWN)));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(proxy.connections()).as("while closed, each failing statement tried the store").isGreaterThan(attemptsBefore);

        // Open: refused at once, the store is not contacted and no statement is sent.
        long attempts = proxy.connections();
        long sent = statements.count(Department.SECURITY);
        long started = System.nanoTime();
        DocumentContext refused = graphQl(TOWN_CARD, Map.of("t", TOWN));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
        assertOnlySecurityMissing(refused);
        assertThat(refused.<String>read("$.errors[0].message")).contains("circuit breaker open");
        assertThat(proxy.connections()).as("connection attempts while open").isEqualTo(attempts);
        assertThat(statements.count(Department.SECURITY)).as("statements while open").isEqualTo(sent);

        // Health: the source DOWN with its breaker OPEN, the gateway still live and ready.
        DocumentContext source = health("/actuator/health/sources/security");
        assertThat(source.<String>read("$.status")).isEqualTo("DOWN");
        assertThat(source.<String>read("$.details.circuitBreaker")).isIn("OPEN", "HALF_OPEN");
        assertThat(health("/actuator/health/readiness").<String>read("$.status")).isEqualTo("UP");
        assertThat(health("/actuator/health/liveness").<String>read("$.status")).isEqualTo("UP");
        assertThat(health("/actuator/health/sources/people").<String>read("$.status")).isEqualTo("UP");

        // The store returns: after the wait in open state a probe succeeds, the breaker closes
        // and answers are whole again, on fresh connections (the pooled ones were broken).
        proxy.restore();
        DocumentContext whole = until(Duration.ofSeconds(20), () -> graphQl(TOWN_CARD, Map.of("t", TOWN)),
                answer -> answer.<Object>read("$.data.region.policeStation") != null);
        assertWhole(whole);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        DocumentContext recovered = health("/actuator/health/sources/security");
        assertThat(recovered.<String>read("$.status")).isEqualTo("UP");
        assertThat(recovered.<String>read("$.details.circuitBreaker")).isEqualTo("CLOSED");
    }

    @Test
    void aRestartedStoreIsServedAgainOnFreshConnectionsWithoutRestartingTheGateway() {
        assertWhole(graphQl(TOWN_CARD, Map.of("t", TOWN)));

        store.stop();
        assertOnlySecurityMissing(graphQl(TOWN_CARD, Map.of("t", TOWN)));
        assertThat(health("/actuator/health/sources/security").<String>read("$.status")).isEqualTo("DOWN");
        assertThat(health("/actuator/health/readiness").<String>read("$.status")).isEqualTo("UP");

        store.startServer();
        assertWhole(until(Duration.ofSeconds(20), () -> graphQl(TOWN_CARD, Map.of("t", TOWN)),
                answer -> answer.<Object>read("$.data.region.policeStation") != null));
        assertThat(health("/actuator/health/sources/security").<String>read("$.status")).isEqualTo("UP");
    }

    @Test
    void aFullBulkheadRefusesAtOnceAndDoesNotOpenTheBreaker() throws Exception {
        proxy.delay(TIMEOUT.multipliedBy(3));
        int requests = BULKHEAD * 3;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(requests);
        try {
            List<java.util.concurrent.Future<DocumentContext>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> graphQl(TOWN_CARD, Map.of("t", TOWN))));
            }
            List<String> reasons = new java.util.ArrayList<>();
            for (var answer : answers) {
                DocumentContext done = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertOnlySecurityMissing(done);
                reasons.add(done.read("$.errors[0].message"));
            }
            // The requests arrive together: the first two take the permits and time out, the
            // rest are refused at once instead of queueing for the slow store's connections.
            assertThat(reasons).as("answers while the slow store holds both permits")
                    .allMatch(reason -> reason.contains("too many statements in flight") || reason.contains("no answer within"))
                    .anyMatch(reason -> reason.contains("too many statements in flight"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(breaker.getState()).as("a full bulkhead is load, not a failure").isEqualTo(CircuitBreaker.State.CLOSED);
    }

    // --- helpers ---

    private static void assertWhole(DocumentContext answer) {
        assertThat(answer.<Object>read("$.errors")).as("errors").isNull();
        assertThat(answer.<String>read("$.data.region.policeStation.name")).isNotBlank();
        assertThat(answer.<String>read("$.data.region.judicialOffice.name")).isNotBlank();
    }

    private static void assertOnlySecurityMissing(DocumentContext answer) {
        assertThat(answer.<Object>read("$.data.region.policeStation")).isNull();
        assertThat(answer.<String>read("$.data.region.judicialOffice.name")).isNotBlank();
        assertThat(answer.<Integer>read("$.data.region.population")).isPositive();
        assertThat(answer.<List<Object>>read("$.errors[*].path")).containsExactly(List.of("region", "policeStation"));
        assertThat(answer.<List<String>>read("$.errors[*].extensions.source")).containsExactly("security");
    }

    private static DocumentContext graphQl(String document, Map<String, Object> variables) {
        String body = gateway.http().post().uri("/graphql").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", document, "variables", variables))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return parse(body);
    }

    /** Health answers 200 when UP and 503 when DOWN; either way the body says why. */
    /** As an operator: anonymous callers get the status only, and no component paths. */
    private static DocumentContext health(String path) {
        String body = gateway.http().get().uri(path).header("Authorization", "Bearer " + token).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(200, 503))
                .expectBody(String.class).returnResult().getResponseBody();
        return parse(body);
    }

    private static DocumentContext parse(String json) {
        return JsonPath.using(com.jayway.jsonpath.Configuration.defaultConfiguration()
                .addOptions(com.jayway.jsonpath.Option.SUPPRESS_EXCEPTIONS)).parse(json);
    }

    private static DocumentContext until(Duration limit, java.util.function.Supplier<DocumentContext> attempt,
                                         Predicate<DocumentContext> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        DocumentContext last = attempt.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(250));
            last = attempt.get();
        }
        assertThat(done.test(last)).as("within %s, last answer %s", limit, last.jsonString()).isTrue();
        return last;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
