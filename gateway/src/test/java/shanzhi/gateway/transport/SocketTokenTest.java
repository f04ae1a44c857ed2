package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.CloseStatus;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * A graphql-ws connection is only as good as its token: every operation checks the token when it
 * starts, an operation after the token's expiry is not run and the connection is closed with 4401
 * "Token expired", and a ping carrying a fresh token of the same subject renews the connection.
 */
class SocketTokenTest extends ApiTestBase {
    private static final String QUERY = "{ region(code: \"440513\") { code } }";
    private static final String READ_ID_NUMBERS = "{ people(under: \"440513\", first: 1) { edges { node { idNumber } } } }";

    @LocalServerPort
    int serverPort;

    @Test
    void aQueryAfterTheTokenExpiredIsRefusedAndTheConnectionClosedWith4401() {
        Instant issued = Instant.now();
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(serverPort, token("expiring", Duration.ofSeconds(2)))) {
            assertThat(ws.execute(QUERY, Map.of()).get("data")).as("before expiry").isNotNull();
            awaitPast(issued.plusSeconds(3));

            String id = ws.subscribe(READ_ID_NUMBERS, Map.of());
            CloseStatus closed = ws.awaitClosed();

            assertThat(closed.getCode()).isEqualTo(4401);
            assertThat(closed.getReason()).isEqualTo("Token expired");
            assertThat(ws.messages()).as("no answer to the operation sent after expiry")
                    .noneMatch(message -> id.equals(message.get("id")));
            assertThat(ws.allText()).doesNotContain("idNumber");
        }
    }

    @Test
    void aMutationAfterExpiryIsNotRunEither() {
        Instant issued = Instant.now();
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(serverPort, token("expiring-writer", Duration.ofSeconds(2)))) {
            awaitPast(issued.plusSeconds(3));
            int before = count();
            ws.subscribe("mutation { advanceGridEvent(id: \"1\", to: ACCEPTED, note: \"after expiry\") { id } }", Map.of());

            assertThat(ws.awaitClosed().getCode()).isEqualTo(4401);
            assertThat(count()).as("statements run after expiry").isEqualTo(before);
        }
    }

    @Test
    void aPingWithAFreshTokenOfTheSameSubjectKeepsTheConnectionOpen() {
        Instant issued = Instant.now();
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(serverPort, token("renewing", Duration.ofSeconds(2)))) {
            ws.renew(token("renewing", Duration.ofMinutes(10)));
            await().atMost(GraphQlWsConnection.DEADLINE)
                    .until(() -> ws.messages().stream().anyMatch(message -> "pong".equals(message.get("type"))));
            awaitPast(issued.plusSeconds(3));

            assertThat(ws.execute(QUERY, Map.of()).get("data")).as("after the first token's expiry")
                    .isEqualTo(Map.of("region", Map.of("code", "440513")));
            assertThat(ws.closeStatus()).isNull();
        }
    }

    @Test
    void aRenewalForAnotherSubjectClosesTheConnectionWith4403() {
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(serverPort, token("someone", Duration.ofMinutes(10)))) {
            ws.renew(token("someone-else", Duration.ofMinutes(10)));

            CloseStatus closed = ws.awaitClosed();
            assertThat(closed.getCode()).isEqualTo(4403);
        }
    }

    @Test
    void aRenewalWithABadTokenClosesTheConnectionWith4401() {
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(serverPort, token("forger", Duration.ofMinutes(10)))) {
            ws.renew(token("forger", Duration.ofMinutes(10)) + "x");

            CloseStatus closed = ws.awaitClosed();
            assertThat(closed.getCode()).isEqualTo(4401);
            assertThat(closed.getReason()).isEqualTo("Token refused");
        }
    }

    @Test
    void aPingWithoutAPayloadIsAnsweredWithPongAsBefore() {
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(serverPort, token("pinger", Duration.ofMinutes(10)))) {
            ws.send(Map.of("type", "ping"));
            await().atMost(GraphQlWsConnection.DEADLINE)
                    .until(() -> ws.messages().stream().anyMatch(message -> "pong".equals(message.get("type"))));
            assertThat(ws.execute(QUERY, Map.of()).get("data")).isNotNull();
        }
    }

    private int count() {
        return statements.snapshot().values().stream().mapToInt(Long::intValue).sum();
    }

    private static void awaitPast(Instant instant) {
        // The token's exp has whole seconds: one second past it, it has certainly expired.
        await().atMost(GraphQlWsConnection.DEADLINE).until(() -> Instant.now().isAfter(instant));
    }

    private String token(String subject, Duration validity) {
        return tokens.issue("socket-" + subject, List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests", validity);
    }
}
