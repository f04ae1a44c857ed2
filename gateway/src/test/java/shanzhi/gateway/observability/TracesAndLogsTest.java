package shanzhi.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.MediaType;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.observability.OtlpReceiver.ReceivedSpan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traces and logs as an operator receives them: spans exported over OTLP to a real receiver,
 * continuing the caller's W3C trace; the trace id in the errors; JSON log lines with the trace
 * and request ids (the gateway here runs with LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs).
 */
@ExtendWith(OutputCaptureExtension.class)
class TracesAndLogsTest {
    private static final String DISTRICT = "440513";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static OtlpReceiver receiver;
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() throws Exception {
        // Logback keeps the configuration of the first context in the JVM (the shared test
        // context) until cleaned up; without this the instance's JSON setting would be ignored.
        LoggingSystem.get(TracesAndLogsTest.class.getClassLoader()).cleanUp();
        receiver = new OtlpReceiver();
        gateway = GatewayInstance.start(Map.of(
                "management.opentelemetry.tracing.export.otlp.endpoint", receiver.endpoint(),
                "management.opentelemetry.tracing.export.schedule-delay", "100ms",
                "logging.structured.format.console", "ecs",
                // a line inside every request, to find in the captured output
                "logging.level.org.springframework.security.web.server.authorization.AuthorizationWebFilter", "debug"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        // Back to plain-text logs for the test classes after this one in the JVM.
        LoggingSystem logging = LoggingSystem.get(TracesAndLogsTest.class.getClassLoader());
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
    }

    private record Parent(String traceId, String spanId) {
        static Parent random() {
            HexFormat hex = HexFormat.of();
            byte[] trace = new byte[16];
            byte[] span = new byte[8];
            ThreadLocalRandom.current().nextBytes(trace);
            ThreadLocalRandom.current().nextBytes(span);
            return new Parent(hex.formatHex(trace), hex.formatHex(span));
        }

        String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }
    }

    private JsonNode post(String document, Parent parent, String requestId) {
        String token = gateway.token("traces-admin", List.of(Role.DISTRICT_ADMIN), DISTRICT, "traces-tests");
        String body = gateway.http().post().uri("/graphql")
                .header("Authorization", "Bearer " + token)
                .header("traceparent", parent.traceparent())
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", document))
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", requestId)
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void aRequestIsOneTraceUnderTheCallersParentWithStoreRedisAndAuditSpans() {
        Parent parent = Parent.random();
        JsonNode answer = post("query Traced { people(under: \"" + DISTRICT + "\", first: 2) { edges { node { id name } } } }",
                parent, "req-traced");
        assertThat(answer.path("data").path("people").path("edges").size()).isEqualTo(2);

        List<ReceivedSpan> spans = awaitSpans(parent.traceId(),
                all -> find(all, span -> span.name().startsWith("store ")).isPresent()
                        && find(all, span -> span.name().contains("audit")).isPresent()
                        && find(all, span -> span.parentSpanId().equals(parent.spanId())).isPresent());

        ReceivedSpan request = find(spans, span -> span.parentSpanId().equals(parent.spanId())).orElseThrow();
        assertThat(request.name()).as("the server span continues the caller's").containsIgnoringCase("post");
        ReceivedSpan store = find(spans, span -> span.name().equals("store people")).orElseThrow();
        assertThat(store.attributes()).containsEntry("department", "people").containsEntry("outcome", "ok");
        assertThat(Integer.parseInt(store.attributes().get("statements"))).isGreaterThanOrEqualTo(1);
        assertThat(descendsFrom(spans, store, request)).as("store span under the request span: %s", spans).isTrue();
        ReceivedSpan audit = find(spans, span -> span.name().contains("audit")).orElseThrow();
        assertThat(descendsFrom(spans, audit, request)).as("audit append under the request span: %s", spans).isTrue();
        ReceivedSpan redis = find(spans, span -> "redis".equals(span.attributes().get("db.system"))).orElseThrow();
        assertThat(descendsFrom(spans, redis, request)).as("Redis call under the request span: %s", spans).isTrue();
    }

    @Test
    void errorsCarryTheTraceId() {
        Parent parent = Parent.random();
        JsonNode answer = post("query Broken { person(id: \"not-a-number\") { id } }", parent, "req-broken");
        JsonNode errors = answer.path("errors");
        assertThat(errors.size()).isGreaterThanOrEqualTo(1);
        errors.forEach(error -> assertThat(error.path("extensions").path("traceId").asString()).isEqualTo(parent.traceId()));
    }

    @Test
    void logLinesAreJsonWithTheTraceAndRequestIds(CapturedOutput output) {
        Parent parent = Parent.random();
        post("query Logged { regions(level: TOWN) { totalCount } }", parent, "req-logged-1");
        JsonNode line = awaitLine(output, parent.traceId());
        assertThat(line.path("traceId").asString()).isEqualTo(parent.traceId());
        assertThat(line.path("spanId").asString()).hasSize(16);
        assertThat(line.path("requestId").asString()).isEqualTo("req-logged-1");
        assertThat(line.path("log").path("level").asString()).isNotEmpty();
        assertThat(line.path("message").asString()).isNotEmpty();
        JsonNode access = awaitLine(output, "\"logger\":\"shanzhi.access\"", "req-logged-1");
        assertThat(access.path("traceId").asString()).as("access line %s", access).isEqualTo(parent.traceId());
    }

    private static JsonNode awaitLine(CapturedOutput output, String... parts) {
        String what = String.join(" and ", parts);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String text : output.getOut().split("\n")) {
                if (text.startsWith("{") && java.util.Arrays.stream(parts).allMatch(text::contains)) {
                    return JSON.readTree(text);
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("No JSON log line with " + what + " in:\n" + output.getAll());
            }
            pause();
        }
    }

    private static List<ReceivedSpan> awaitSpans(String traceId, Predicate<List<ReceivedSpan>> complete) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<ReceivedSpan> spans = receiver.spans(traceId);
            if (complete.test(spans)) {
                return spans;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Spans of trace " + traceId + " incomplete: " + spans);
            }
            pause();
        }
    }

    private static Optional<ReceivedSpan> find(List<ReceivedSpan> spans, Predicate<ReceivedSpan> test) {
        return spans.stream().filter(test).findFirst();
    }

    private static boolean descendsFrom(List<ReceivedSpan> spans, ReceivedSpan span, ReceivedSpan ancestor) {
        ReceivedSpan current = span;
        for (int depth = 0; depth < 50 && current != null; depth++) {
            if (current.parentSpanId().equals(ancestor.spanId())) {
                return true;
            }
            String parentId = current.parentSpanId();
            current = find(spans, candidate -> candidate.spanId().equals(parentId)).orElse(null);
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
