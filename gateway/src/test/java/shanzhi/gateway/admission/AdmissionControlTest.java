package shanzhi.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.audit.AuditRecords;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.StatementCounter;
import shanzhi.gateway.transport.GraphQlWsConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A replica admits at most shanzhi.admission.max-in-flight GraphQL requests at once (2 here) and
 * answers the next one at once with 503, Retry-After and OVERLOADED, before authentication and
 * without asking any store or writing any audit record; the admitted ones are answered in full.
 * Requests are held in flight by a lock on the table they read (see PersonTableLock). A slot is
 * given back however its request ends, a client that goes away included.
 */
class AdmissionControlTest {
    private static final int CAPACITY = 2;
    private static final String READ = "query($id: ID!) { person(id: $id) { name } }";
    private static final Duration HELD = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static GatewayInstance gateway;
    private static AdmissionControl admission;
    private static MeterRegistry meters;
    private static long personId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String subject = "admission-" + UUID.randomUUID();
    private final List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    private PersonTableLock lock;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayInstance.start(Map.of(
                "shanzhi.admission.max-in-flight", String.valueOf(CAPACITY),
                // A fraction: Retry-After says 3 (whole seconds, rounded up).
                "shanzhi.admission.retry-after", "2500ms",
                // Held requests wait on the lock longer than a store statement or request may by default.
                "shanzhi.sources.people.resilience.timeout", "60s",
                "shanzhi.limits.request-timeout", "60s"));
        admission = gateway.bean(AdmissionControl.class);
        meters = gateway.bean(MeterRegistry.class);
        personId = PersonTableLock.anyPersonId();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @AfterEach
    void letGo() throws Exception {
        if (lock != null) {
            lock.close();
        }
        for (CompletableFuture<HttpResponse<String>> request : held) {
            request.get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 0);
    }

    @Test
    void beyondItsCapacityAReplicaRefusesAtOnceAndAnswersTheAdmittedRequestsInFull() throws Exception {
        String token = token();
        String name = body(send(read(token))).path("data").path("person").path("name").asString();
        assertThat(name).as("the person the held requests read").isNotBlank();
        StatementCounter statements = gateway.bean(StatementCounter.class);
        Map<Department, Long> oneRequest = statementsDuring(statements, () -> assertThat(send(read(token)).statusCode()).isEqualTo(200));
        AuditRecords audit = auditRecords();
        long auditBefore = audit.lastSequence();
        double rejectedBefore = rejected();
        Map<Department, Long> before = statements.snapshot();

        lock = PersonTableLock.take();
        holdCapacity(token);
        HttpResponse<String> refused = send(read(token));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode answer = body(refused);
        assertThat(answer.has("data")).as("no data").isFalse();
        assertThat(answer.path("errors")).hasSize(1);
        JsonNode error = answer.path("errors").path(0);
        assertThat(error.path("extensions").path("code").asString()).isEqualTo("OVERLOADED");
        assertThat(error.path("extensions").path("retryAfterSeconds").asLong()).isEqualTo(3);
        assertThat(error.path("message").asString()).contains("shanzhi.admission").contains("retry after 3 s");
        assertThat(held).as("the admitted requests are still held").noneMatch(CompletableFuture::isDone);
        assertThat(meters.get("shanzhi.admission.in_flight").gauge().value()).isEqualTo(CAPACITY);
        assertThat(rejected()).isEqualTo(rejectedBefore + 1);

        lock.close();
        lock = null;
        for (CompletableFuture<HttpResponse<String>> request : held) {
            HttpResponse<String> admitted = request.get(30, TimeUnit.SECONDS);
            assertThat(admitted.statusCode()).isEqualTo(200);
            assertThat(body(admitted).has("errors")).as(admitted.body()).isFalse();
            assertThat(body(admitted).path("data").path("person").path("name").asString()).isEqualTo(name);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 0);
        assertThat(meters.get("shanzhi.admission.in_flight").gauge().value()).isZero();

        Map<Department, Long> sent = since(statements, before);
        for (Department department : Department.values()) {
            assertThat(sent.get(department)).as("statements to %s: the admitted requests' only", department)
                    .isEqualTo(CAPACITY * oneRequest.get(department));
        }
        assertThat(audit.after(auditBefore)).filteredOn(record -> subject.equals(record.subject()))
                .as("audit records: the admitted requests' only").hasSize(CAPACITY);
    }

    @Test
    void aHeldRequestWhoseClientGoesAwayGivesItsSlotBack() throws Exception {
        String token = token();
        int waitingBefore = PersonTableLock.waiting();
        lock = PersonTableLock.take();
        held.add(http.sendAsync(read(token), HttpResponse.BodyHandlers.ofString()));
        await().atMost(HELD).until(() -> admission.inFlight() == 1 && PersonTableLock.waiting() == waitingBefore + 1);
        try (Socket client = new Socket("localhost", gateway.port())) {
            byte[] body = JSON.writeValueAsBytes(Map.of("query", READ, "variables", Map.of("id", String.valueOf(personId))));
            OutputStream out = client.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + token + "\r\nShanzhi-Purpose: " + ApiTestBase.TEST_PURPOSE + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            await().atMost(HELD).until(() -> admission.inFlight() == CAPACITY && PersonTableLock.waiting() == waitingBefore + 2);
        }

        await("the slot of the request whose client went away").atMost(Duration.ofSeconds(10))
                .until(() -> admission.inFlight() == CAPACITY - 1);
        assertThat(PersonTableLock.waiting()).as("its statement still waits in the store").isEqualTo(waitingBefore + 2);
        held.add(http.sendAsync(read(token), HttpResponse.BodyHandlers.ofString()));
        await("a new request takes the slot").atMost(HELD).until(() -> admission.inFlight() == CAPACITY);
        assertThat(send(read(token)).statusCode()).as("and the replica is full again").isEqualTo(503);

        lock.close();
        lock = null;
        for (CompletableFuture<HttpResponse<String>> request : held) {
            assertThat(request.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 0);
    }

    @Test
    void aRefusalComesAfterCorsAndBeforeAuthenticationAndLongLivedOrNonGraphQlRequestsAreNotCounted() throws Exception {
        String token = token();
        lock = PersonTableLock.take();
        holdCapacity(token);
        String origin = "http://localhost:3000";

        HttpResponse<String> fromAPortal = send(HttpRequest.newBuilder(graphQl()).header("Origin", origin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")).build());
        assertThat(fromAPortal.statusCode()).as("without a token: refused before authentication").isEqualTo(503);
        assertThat(fromAPortal.headers().firstValue("Access-Control-Allow-Origin")).as("readable by the portal").hasValue(origin);
        assertThat(body(fromAPortal).path("errors").path(0).path("extensions").path("code").asString()).isEqualTo("OVERLOADED");
        HttpResponse<String> foreign = send(HttpRequest.newBuilder(graphQl()).header("Origin", "https://portal.example.org")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")).build());
        assertThat(foreign.statusCode()).as("an origin not on the list is refused by CORS first").isEqualTo(403);
        HttpResponse<String> overGet = send(HttpRequest.newBuilder(URI.create(graphQl() + "?query=%7B__typename%7D"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(overGet.statusCode()).as("GET on the GraphQL path is counted").isEqualTo(503);

        for (String path : List.of("/actuator/health/liveness", "/graphiql", "/.well-known/shanzhi/evidence-keys")) {
            assertThat(send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build()).statusCode())
                    .as("%s is not counted", path).isEqualTo(200);
        }
        HttpRequest subscription = HttpRequest.newBuilder(graphQl()).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("query", "subscription { gridEventChanged(under: \"440513\") { id } }")))).build();
        HttpResponse<InputStream> stream = http.sendAsync(subscription, HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS);
        try (InputStream events = stream.body()) {
            assertThat(stream.statusCode()).as("an SSE subscription is not counted").isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        }
        try (GraphQlWsConnection socket = GraphQlWsConnection.open(gateway.port(), token)) {
            assertThat(socket.messages()).as("the graphql-ws upgrade is not counted")
                    .anyMatch(message -> "connection_ack".equals(message.get("type")));
        }
        assertThat(admission.inFlight()).isEqualTo(CAPACITY);
    }

    /** Sends CAPACITY reads that the lock holds, and waits until each is admitted and waiting in the store. */
    private void holdCapacity(String token) throws Exception {
        int waitingBefore = PersonTableLock.waiting();
        for (int i = 0; i < CAPACITY; i++) {
            held.add(http.sendAsync(read(token), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(HELD).until(() -> admission.inFlight() == CAPACITY && PersonTableLock.waiting() == waitingBefore + CAPACITY);
    }

    private HttpRequest read(String token) {
        byte[] body = JSON.writeValueAsBytes(Map.of("query", READ, "variables", Map.of("id", String.valueOf(personId))));
        return HttpRequest.newBuilder(graphQl()).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Shanzhi-Purpose", ApiTestBase.TEST_PURPOSE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
    }

    private String token() {
        return gateway.token(subject, List.of(Role.DISTRICT_ADMIN), "440513", "admission-tests");
    }

    private static JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static double rejected() {
        return meters.get("shanzhi.admission.rejected").counter().count();
    }

    private static URI graphQl() {
        return URI.create(base() + "/graphql");
    }

    private static String base() {
        return "http://localhost:" + gateway.port();
    }

    private static AuditRecords auditRecords() {
        TestDatabases databases = TestDatabases.get();
        return new AuditRecords(databases.jdbcUrl(GatewayTestConfiguration.AUDIT), databases.user(), databases.password());
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Map<Department, Long> statementsDuring(StatementCounter statements, Action action) throws Exception {
        Map<Department, Long> before = statements.snapshot();
        action.run();
        return since(statements, before);
    }

    private static Map<Department, Long> since(StatementCounter statements, Map<Department, Long> before) {
        Map<Department, Long> sent = new EnumMap<>(Department.class);
        statements.snapshot().forEach((department, count) -> sent.put(department, count - before.get(department)));
        return sent;
    }
}
