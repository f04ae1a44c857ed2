package shanzhi.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;

/**
 * Keep-alives on a quiet subscription (shanzhi.live.keep-alive, here 200 ms), SSE and graphql-ws,
 * on a gateway of their own. Test classes run one after the other and none advances grid events
 * while this one runs, so the subscriptions stay quiet.
 */
class KeepAliveTest {
    static final String SUBSCRIPTION = "subscription { gridEventChanged(under: \"440513\") { id } }";
    private static GatewayInstance gateway;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gateway = GatewayInstance.start(Map.of("shanzhi.live.keep-alive", "200ms"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aQuietSseSubscriptionGetsKeepAliveComments() throws Exception {
        HttpResponse<InputStream> response = client.sendAsync(sse(), HttpResponse.BodyHandlers.ofInputStream())
                .get(5, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("Content-Encoding")).as("an event stream is never compressed").isEmpty();
        List<String> lines = new ArrayList<>();
        try (InputStream body = response.body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lines.stream().filter(line -> line.startsWith(":")).count() < 4 && System.nanoTime() < deadline) {
                String line = reader.readLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
            }
        }
        assertThat(lines).as("keep-alive comment lines of the quiet stream").filteredOn(line -> line.startsWith(":"))
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(lines).as("the stream is still open: no complete, no error").noneMatch(line -> line.startsWith("event:complete"));
    }

    @Test
    void aQuietGraphqlWsSubscriptionGetsPings() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = client.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("ws://localhost:" + gateway.port() + "/graphql"), new Collecting(messages))
                .get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token() + "\"}}", true).join();
            assertThat(messages.poll(10, TimeUnit.SECONDS)).contains("connection_ack");
            socket.sendText(RawHttp.JSON.writeValueAsString(Map.of("id", "1", "type", "subscribe",
                    "payload", Map.of("query", SUBSCRIPTION))), true).join();

            int pings = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pings < 3 && System.nanoTime() < deadline) {
                String message = messages.poll(1, TimeUnit.SECONDS);
                if (message != null && message.contains("\"ping\"")) {
                    pings++;
                    socket.sendText("{\"type\":\"pong\"}", true).join();
                }
                assertThat(message == null || !message.contains("\"error\"")).as("message %s", message).isTrue();
            }
            assertThat(pings).as("pings on the quiet subscription").isGreaterThanOrEqualTo(3);
        } finally {
            socket.abort();
        }
    }

    private HttpRequest sse() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/graphql"))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(RawHttp.JSON.writeValueAsString(Map.of("query", SUBSCRIPTION))))
                .build();
    }

    private static String token() {
        return gateway.token("test-keep-alive", List.of(Role.DISTRICT_ADMIN), "440513", "api-tests");
    }

    private record Collecting(BlockingQueue<String> messages) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            messages.add(data.toString());
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
