package shanzhi.gateway.transport;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * A graphql-ws (graphql-transport-ws) connection at the level of its messages, for tests that need
 * what a client library hides: the close code and reason, a ping with a payload, the raw text of
 * every message. Each message received is kept as text and as a map.
 */
public final class GraphQlWsConnection implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private final AtomicReference<CloseStatus> closed = new AtomicReference<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Disposable connection;
    private final java.time.Instant opened = java.time.Instant.now();

    private GraphQlWsConnection(int port) {
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return List.of("graphql-transport-ws");
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                session.closeStatus().subscribe(closed::set);
                return session.send(outgoing.asFlux().map(session::textMessage))
                        .and(session.receive().map(WebSocketMessage::getPayloadAsText).doOnNext(received::add));
            }
        };
        connection = new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + port + "/graphql"), handler)
                .subscribe();
    }

    /** Opens a connection and sends connection_init with {@code token}; waits for the ack. */
    public static GraphQlWsConnection open(int port, String token) {
        return open(port, token, Map.of("code", shanzhi.gateway.ApiTestBase.TEST_PURPOSE));
    }

    /** As {@link #open(int, String)}, declaring {@code purpose} in connection_init (none when null). */
    public static GraphQlWsConnection open(int port, String token, Map<String, Object> purpose) {
        GraphQlWsConnection ws = new GraphQlWsConnection(port);
        Map<String, Object> payload = new java.util.HashMap<>(Map.of("Authorization", "Bearer " + token));
        if (purpose != null) {
            payload.put("purpose", purpose);
        }
        ws.send(Map.of("type", "connection_init", "payload", payload));
        await().atMost(DEADLINE).until(() -> ws.messages().stream().anyMatch(m -> "connection_ack".equals(m.get("type")))
                || ws.closeStatus() != null);
        return ws;
    }

    public void send(Map<String, Object> message) {
        outgoing.tryEmitNext(JSON.writeValueAsString(message));
    }

    /** A ping whose payload carries a renewed token. */
    public void renew(String token) {
        send(Map.of("type", "ping", "payload", Map.of("Authorization", "Bearer " + token)));
    }

    /** Sends a subscribe message (any operation) and returns its id. */
    public String subscribe(String document, Map<String, Object> variables) {
        String id = Integer.toString(ids.incrementAndGet());
        Map<String, Object> payload = new HashMap<>();
        payload.put("query", document);
        payload.put("variables", variables);
        send(Map.of("type", "subscribe", "id", id, "payload", payload));
        return id;
    }

    /** The first next or error message of operation {@code id}, waiting for it. */
    public Map<String, Object> result(String id) {
        await().atMost(DEADLINE).until(() -> firstOf(id) != null || closeStatus() != null);
        Map<String, Object> result = firstOf(id);
        if (result == null) {
            throw new AssertionError("operation " + id + " got no answer; connection closed with " + closeStatus()
                    + " " + Duration.between(opened, java.time.Instant.now()).toMillis() + " ms after it opened; received: "
                    + allText());
        }
        return result;
    }

    /** Runs one query or mutation and returns its payload ({"data", "errors"}). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> execute(String document, Map<String, Object> variables) {
        Map<String, Object> message = result(subscribe(document, variables));
        return message.get("payload") instanceof Map<?, ?> payload ? (Map<String, Object>) payload
                : Map.of("errors", message.get("payload"));
    }

    public CloseStatus awaitClosed() {
        await().atMost(DEADLINE).until(() -> closeStatus() != null);
        return closeStatus();
    }

    public CloseStatus closeStatus() {
        return closed.get();
    }

    /** Every message received so far, as its text (to assert on what a client could ever see). */
    public String allText() {
        return String.join("\n", received);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> messages() {
        return received.stream().map(text -> (Map<String, Object>) JSON.readValue(text, Map.class)).toList();
    }

    private Map<String, Object> firstOf(String id) {
        return messages().stream()
                .filter(m -> id.equals(m.get("id")) && ("next".equals(m.get("type")) || "error".equals(m.get("type"))))
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        outgoing.tryEmitComplete();
        connection.dispose();
    }
}
