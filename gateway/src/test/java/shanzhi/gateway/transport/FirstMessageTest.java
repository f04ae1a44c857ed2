package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import tools.jackson.databind.json.JsonMapper;

/**
 * A graphql-ws client sends connection_init the moment its handshake completes. The gateway must
 * read it every time: a frame that arrives before the server has bound the WebSocket to the
 * connection is dropped, and the client is closed 10 s later with 4408 for a message it did send.
 * That happened to about one connection in thirty while the upgrade left Netty's event loop (a
 * WebSession created per request). The JDK's own WebSocket client, so that nothing of ours is on
 * the client side.
 */
class FirstMessageTest extends ApiTestBase {
    private static final int CONNECTIONS = 120;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int serverPort;

    @Test
    void connectionInitSentRightAfterTheHandshakeIsAcknowledgedOnEveryConnection() throws Exception {
        String token = tokens.issue("first-message", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests",
                Duration.ofMinutes(10));
        String init = JSON.writeValueAsString(Map.of("type", "connection_init",
                "payload", Map.of("Authorization", "Bearer " + token, "purpose", Map.of("code", TEST_PURPOSE))));
        HttpClient client = HttpClient.newHttpClient();
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket socket = client.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create("ws://localhost:" + serverPort + "/graphql"), new FirstAnswer(first))
                    .get(10, TimeUnit.SECONDS);
            socket.sendText(init, true).get(10, TimeUnit.SECONDS);
            try {
                String answer = first.get(5, TimeUnit.SECONDS);
                if (!answer.contains("connection_ack")) {
                    unanswered.add("connection " + i + ": " + answer);
                }
            } catch (TimeoutException none) {
                unanswered.add("connection " + i + ": nothing within 5 s");
            } finally {
                socket.abort();
            }
        }
        assertThat(unanswered).as("connections whose connection_init was not acknowledged").isEmpty();
    }

    /** The first thing the server says: a message's text, or how it closed. */
    private record FirstAnswer(CompletableFuture<String> first) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            first.complete(data.toString());
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            first.complete("closed " + code + " " + reason);
            return null;
        }
    }
}
