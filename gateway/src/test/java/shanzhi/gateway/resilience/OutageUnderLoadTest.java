package shanzhi.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.r2dbc.pool.ConnectionPool;
import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.sources.DatabaseProvisioner;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.Endpoint;

/**
 * A department's database stopped and started again while portals keep asking: a steady load of
 * four clients runs before, during and after the outage. Only the security fields go missing
 * while it is down, every request is still answered, answers are whole again soon after it
 * returns, and nothing is left holding connections, permits or memory afterwards.
 */
class OutageUnderLoadTest {
    private static final String TOWN = "440513001";
    /** Fields of all four departments: name (grid), population (people), offices (legal, security). */
    private static final String TOWN_CARD = "query($t: ID!) { region(code: $t) { code name population "
            + "judicialOffice { name } policeStation { name } } }";
    private static final int CLIENTS = 4;

    private static RestartableStore store;
    private static GatewayInstance gateway;
    private static String token;

    enum Phase { BEFORE, DOWN, RETURNING, AFTER }

    /** {@code phase} is when the request was sent, {@code answeredIn} when its answer arrived. */
    record Answer(Phase phase, Phase answeredIn, int status, String body) {
        boolean within(Phase only) {
            return phase == only && answeredIn == only;
        }
    }

    @BeforeAll
    static void start() {
        store = RestartableStore.start();
        Endpoint security = new Endpoint("127.0.0.1", store.port(), "shanzhi_security", "postgres", "");
        DatabaseProvisioner.createIfMissing(security);
        String prefix = "shanzhi.sources.security.";
        gateway = GatewayInstance.start(Map.of(
                prefix + "url", "postgresql://127.0.0.1:" + store.port() + "/" + security.database(),
                prefix + "username", security.username(),
                prefix + "password", security.password(),
                // Generous: a loaded CI machine must not turn a slow answer before the outage into a failure.
                prefix + "resilience.timeout", "5s",
                prefix + "resilience.wait-in-open-state", "1s",
                prefix + "pool.acquire-timeout", "2s",
                prefix + "pool.connect-timeout", "1s",
                // Offices and stations are cached reference data; without the cache every request reaches the stores.
                "shanzhi.reference-cache.enabled", "false"));
        token = gateway.token("outage-tests", List.of(Role.DISTRICT_ADMIN), "440513", "outage-tests");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aDatabaseStoppedAndStartedUnderLoadCostsOnlyItsOwnFieldsAndOnlyWhileItIsDown() throws Exception {
        WebClient client = WebClient.create("http://127.0.0.1:" + gateway.port());
        AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                while (!Thread.currentThread().isInterrupted() && phase.get() != null) {
                    Phase sentIn = phase.get();
                    answers.add(ask(client, sentIn, phase));
                }
            });
        }
        try {
            awaitAnswers(answers, Phase.BEFORE, 40);
            long heapBefore = heapAfterGc();

            phase.set(Phase.DOWN);
            store.stop();
            awaitAnswers(answers, Phase.DOWN, 80);

            phase.set(Phase.RETURNING);
            store.startServer();
            long returned = System.nanoTime();
            awaitWhole(answers, Duration.ofSeconds(20));
            Duration toWhole = Duration.ofNanos(System.nanoTime() - returned);
            phase.set(Phase.AFTER);
            awaitAnswers(answers, Phase.AFTER, 40);
            phase.set(null);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            List<Answer> all = new ArrayList<>(answers);
            assertThat(all).as("every request answered with 200, down or not").allMatch(a -> a.status() == 200);
            assertThat(all).filteredOn(a -> a.within(Phase.BEFORE)).allSatisfy(a -> assertWhole(a.body()));
            assertThat(all).filteredOn(a -> a.within(Phase.AFTER)).allSatisfy(a -> assertWhole(a.body()));
            List<Answer> down = all.stream().filter(a -> a.phase() == Phase.DOWN).toList();
            assertThat(down).as("the outage was seen").anyMatch(a -> parse(a.body()).read("$.errors") != null);
            assertThat(all).filteredOn(a -> a.phase() != Phase.BEFORE && a.phase() != Phase.AFTER)
                    .allSatisfy(a -> assertOnlySecurityMayBeMissing(a.body()));
            assertThat(toWhole).as("whole answers again soon after the store returned").isLessThan(Duration.ofSeconds(20));

            // Nothing held over from the outage: connections returned, permits released, no heap growth.
            assertThat(gateway.bean(SourceGuards.class).of(Department.SECURITY).bulkhead().getMetrics()
                    .getAvailableConcurrentCalls()).as("bulkhead permits")
                    .isEqualTo(gateway.bean(SourceGuards.class).of(Department.SECURITY).bulkhead()
                            .getBulkheadConfig().getMaxConcurrentCalls());
            assertThat(securityPool().getMetrics().orElseThrow().acquiredSize()).as("connections held").isZero();
            long heapAfter = heapAfterGc();
            assertThat(heapAfter - heapBefore).as("heap growth over the outage, bytes").isLessThan(64L << 20);
        } finally {
            phase.set(null);
            clients.shutdownNow();
        }
    }

    private static ConnectionPool securityPool() {
        return gateway.bean("securityPool", ConnectionPool.class);
    }

    private static Answer ask(WebClient client, Phase phase, AtomicReference<Phase> now) {
        try {
            String body = client.post().uri("/graphql").header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("query", TOWN_CARD, "variables", Map.of("t", TOWN)))
                    .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
            return new Answer(phase, now.get(), 200, body);
        } catch (WebClientResponseException e) {
            return new Answer(phase, now.get(), e.getStatusCode().value(), e.getResponseBodyAsString());
        } catch (RuntimeException e) {
            return new Answer(phase, now.get(), -1, String.valueOf(e));
        }
    }

    private static void awaitAnswers(ConcurrentLinkedQueue<Answer> answers, Phase phase, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answers.stream().filter(a -> a.within(phase)).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(answers.stream().filter(a -> a.within(phase)).count()).as("answers in phase %s", phase)
                .isGreaterThanOrEqualTo(count);
    }

    /**
     * Waits for the first whole answer to a request sent after the store was started again, and
     * for the breaker to have closed (its half-open probes all succeeded): from then on every
     * answer must be whole.
     */
    private static void awaitWhole(ConcurrentLinkedQueue<Answer> answers, Duration limit) throws InterruptedException {
        CircuitBreaker breaker = gateway.bean(SourceGuards.class).circuitBreaker(Department.SECURITY);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (breaker.getState() == CircuitBreaker.State.CLOSED && answers.stream().anyMatch(a ->
                    a.phase() == Phase.RETURNING && a.status() == 200 && parse(a.body()).read("$.errors") == null)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not whole again within " + limit + " of the store's return; breaker " + breaker.getState());
    }

    private static void assertWhole(String body) {
        DocumentContext answer = parse(body);
        assertThat(answer.<Object>read("$.errors")).as("errors in %s", body).isNull();
        assertThat(answer.<String>read("$.data.region.policeStation.name")).isNotBlank();
        assertThat(answer.<String>read("$.data.region.judicialOffice.name")).isNotBlank();
    }

    private static void assertOnlySecurityMayBeMissing(String body) {
        DocumentContext answer = parse(body);
        assertThat(answer.<String>read("$.data.region.name")).as("grid field in %s", body).isNotBlank();
        assertThat(answer.<Integer>read("$.data.region.population")).as("people field in %s", body).isPositive();
        assertThat(answer.<String>read("$.data.region.judicialOffice.name")).as("legal field in %s", body).isNotBlank();
        List<Object> errors = answer.read("$.errors");
        if (errors != null) {
            assertThat(answer.<List<Object>>read("$.errors[*].path")).containsExactly(List.of("region", "policeStation"));
            assertThat(Set.copyOf(answer.<List<String>>read("$.errors[*].extensions.code"))).containsExactly("SOURCE_UNAVAILABLE");
            assertThat(Set.copyOf(answer.<List<String>>read("$.errors[*].extensions.source"))).containsExactly("security");
            assertThat(answer.<Object>read("$.data.region.policeStation")).isNull();
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static DocumentContext parse(String json) {
        return JsonPath.using(Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS)).parse(json);
    }
}
