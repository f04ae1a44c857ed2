package shanzhi.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.transport.GraphQlWsConnection;
import shanzhi.gateway.transport.SseRequests;

/**
 * One budget per subject, whatever carries the operation: each subscribe message on a graphql-ws
 * connection costs what a POST costs, and HTTP, SSE and graphql-ws draw on the same budget. A
 * limited graphql-ws operation gets a RATE_LIMITED error with retryAfterSeconds on a socket that
 * stays open. (Subject: burst 5, then one request per 10 s.)
 */
class RateLimitOnEveryTransportTest {
    private static final String QUERY = "{ region(code: \"440513\") { code } }";
    private static final int BURST = 5;
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayInstance.start(Map.of(
                "shanzhi.rate-limit.subject.rate", "0.1",
                "shanzhi.rate-limit.subject.burst", String.valueOf(BURST)));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void operationsOnOneGraphqlWsSocketAreLimitedAndTheLimitedOneIsAnErrorNotAClosedSocket() {
        String token = token();
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(gateway.port(), token)) {
            for (int i = 0; i < BURST; i++) {
                assertThat(ws.execute(QUERY, Map.of()).get("data")).as("operation %d", i + 1)
                        .isEqualTo(Map.of("region", Map.of("code", "440513")));
            }
            Map<String, Object> limited = ws.execute(QUERY, Map.of());

            assertThat(limited.get("data")).isNull();
            Map<String, Object> extensions = onlyErrorExtensions(limited);
            assertThat(extensions).containsEntry("code", "RATE_LIMITED");
            assertThat(((Number) extensions.get("retryAfterSeconds")).longValue()).isBetween(1L, 10L);
            assertThat(ws.closeStatus()).as("the socket stays open").isNull();
            assertThat(onlyErrorExtensions(ws.execute(QUERY, Map.of()))).as("and answers the next operation")
                    .containsEntry("code", "RATE_LIMITED");
        }
    }

    @Test
    void httpSseAndGraphqlWsDrawOnOneBudget() {
        String token = token();
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(gateway.port(), token)) {
            post(token).expectStatus().isOk();
            post(token).expectStatus().isOk();
            assertThat(ws.execute(QUERY, Map.of()).get("data")).isNotNull();
            assertThat(ws.execute(QUERY, Map.of()).get("data")).isNotNull();
            SseRequests.Answer sse = SseRequests.post(gateway.http(), "/graphql", token, QUERY, null);
            assertThat(sse.text()).as("the fifth, over SSE, is inside the budget").doesNotContain("RATE_LIMITED");

            SseRequests.Answer limitedSse = SseRequests.post(gateway.http(), "/graphql", token, QUERY, null);
            assertThat(limitedSse.status()).isEqualTo(429);
            assertThat(limitedSse.text()).contains("\"code\":\"RATE_LIMITED\"");
            post(token).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                    .expectHeader().exists("Retry-After")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("RATE_LIMITED")
                    .jsonPath("$.errors[0].extensions.retryAfterSeconds").isNumber();
            assertThat(onlyErrorExtensions(ws.execute(QUERY, Map.of()))).containsEntry("code", "RATE_LIMITED");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyErrorExtensions(Map<String, Object> payload) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) payload.get("errors");
        assertThat(errors).as("errors of %s", payload).hasSize(1);
        return (Map<String, Object>) errors.get(0).get("extensions");
    }

    private static WebTestClient.ResponseSpec post(String token) {
        return gateway.http().post().uri("/graphql").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", QUERY)).exchange();
    }

    private static String token() {
        return gateway.token("transport-" + UUID.randomUUID(), List.of(Role.DISTRICT_ADMIN), "440513", "transport-tests");
    }
}
