package shanzhi.gateway.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import shanzhi.gateway.ApiTestBase;
import tools.jackson.databind.json.JsonMapper;

/**
 * graphql-ws connections whose client sends connection_init the moment the handshake completes
 * (from the WebSocket's open callback, as graphql-ws clients do), with the JDK's own WebSocket
 * client so that nothing of ours is on the client side.
 */
final class FirstMessages {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FirstMessages() {
    }

    /** Opens {@code connections} connections one after another; those not acknowledged within 5 s, and what they got. */
    static List<String> unanswered(int port, String token, int connections) throws Exception {
        String init = JSON.writeValueAsString(Map.of("type", "connection_init",
                "payload", Map.of("Authorization", "Bearer " + token, "purpose", Map.of("code", ApiTestBase.TEST_PURPOSE))));
        HttpClient client = HttpClient.newHttpClient();
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket socket = client.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), new InitAtOnce(init, first))
                    .get(10, TimeUnit.SECONDS);
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
        return unanswered;
    }

    /** Sends connection_init as the socket opens; completes with the server's first message, or how it closed. */
    private record InitAtOnce(String init, CompletableFuture<String> first) implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket socket) {
            socket.request(1);
            socket.sendText(init, true).whenComplete((sent, failure) -> {
                if (failure != null) {
                    first.complete("sending connection_init failed: " + failure);
                }
            });
        }

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

        @Override
        public void onError(WebSocket socket, Throwable error) {
            first.complete("failed: " + error);
        }
    }
}
