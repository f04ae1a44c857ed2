package shanzhi.gateway.live;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.GraphQlClient;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GridWorkers;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.Department;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscriptions against the running gateway: real graphql-ws and SSE clients, live events
 * published into the test's event source as the outbox relay would hand them over (rows of the
 * demo district read with {@code to_jsonb}, exactly the relay's payload).
 */
abstract class LiveTestBase extends ApiTestBase {
    static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int serverPort;

    @Autowired
    PublishedLiveEvents live;

    private final List<Disposable> open = new ArrayList<>();
    private final List<WebSocketGraphQlClient> sockets = new ArrayList<>();

    enum Transport { GRAPHQL_WS, SSE }

    @AfterEach
    void closeClients() {
        open.forEach(Disposable::dispose);
        sockets.forEach(client -> client.stop().block(DEADLINE));
        // The server cancels a closed client's subscription a little later: the next test counts
        // its own subscribers from zero, not while the previous ones are still leaving.
        await().atMost(DEADLINE).until(() -> live.subscribers() == 0);
    }

    String token(Role role, String region) {
        return token(role, region, Duration.ofMinutes(10));
    }

    String token(Role role, String region, Duration validity) {
        // A grid worker's token names a worker of its grid (the gateway checks it against the grid store).
        Long worker = role == Role.GRID_WORKER ? GridWorkers.of(region) : null;
        return tokens.issue("live-" + role.name().toLowerCase() + "-" + region, List.of(role), region, worker, "live-tests",
                validity);
    }

    GraphQlClient client(Transport transport, String token) {
        return transport == Transport.SSE ? sse(token) : webSocket(token);
    }

    /** graphql-ws with the token in connection_init, as a browser sends it. */
    WebSocketGraphQlClient webSocket(String token) {
        WebSocketGraphQlClientInterceptor init = new WebSocketGraphQlClientInterceptor() {
            @Override
            public Mono<Object> connectionInitPayload() {
                return token == null ? Mono.empty() : Mono.just(Map.of("Authorization", "Bearer " + token,
                        "purpose", Map.of("code", shanzhi.gateway.ApiTestBase.TEST_PURPOSE)));
            }
        };
        WebSocketGraphQlClient client = WebSocketGraphQlClient
                .builder("ws://localhost:" + serverPort + "/graphql", new ReactorNettyWebSocketClient())
                .interceptor(init).build();
        sockets.add(client);
        return client;
    }

    HttpGraphQlClient sse(String token) {
        return HttpGraphQlClient.builder(WebClient.create("http://localhost:" + serverPort + "/graphql"))
                .header("Authorization", "Bearer " + token)
                .header("Shanzhi-Purpose", shanzhi.gateway.ApiTestBase.TEST_PURPOSE).build();
    }

    /** Starts a subscription and waits until it reads the live events. */
    Received subscribe(GraphQlClient client, String document, Map<String, Object> variables) {
        int before = live.subscribers();
        Received received = start(client, document, variables);
        await().atMost(DEADLINE).until(() -> live.subscribers() > before || received.ended());
        return received;
    }

    /** Starts a subscription without waiting for it (one that is refused never reads the events). */
    Received start(GraphQlClient client, String document, Map<String, Object> variables) {
        Received received = new Received();
        open.add(client.document(document).variables(variables).executeSubscription()
                .subscribe(received.events::add, failure -> received.error = failure, () -> received.completed = true));
        return received;
    }

    void publishGridEvent(String topic, long id) {
        Map<String, Object> row = row(Department.GRID, "SELECT to_jsonb(g) FROM grid_event g WHERE id = " + id);
        live.publish("grid", topic, (String) row.get("cell_code"), row);
    }

    void publishIncident(long id) {
        Map<String, Object> row = row(Department.SECURITY, "SELECT to_jsonb(i) FROM incident i WHERE id = " + id);
        live.publish("security", shanzhi.api.LiveEvents.INCIDENT_REPORTED, (String) row.get("cell_code"), row);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(Department department, String sql) {
        return JSON.readValue(text(department, sql), Map.class);
    }

    static String text(Department department, String sql) {
        List<String> values = texts(department, sql);
        if (values.isEmpty()) {
            throw new IllegalStateException("The demo district has no row for: " + sql);
        }
        return values.get(0);
    }

    static List<String> texts(Department department, String sql) {
        TestDatabases databases = TestDatabases.get();
        try (Connection connection = DriverManager.getConnection(databases.jdbcUrl(department), databases.user(),
                databases.password()); var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** What one subscription received, and how it ended. */
    static final class Received {
        final ConcurrentLinkedQueue<ClientGraphQlResponse> events = new ConcurrentLinkedQueue<>();
        volatile Throwable error;
        volatile boolean completed;

        boolean ended() {
            return error != null || completed;
        }

        List<ClientGraphQlResponse> list() {
            return List.copyOf(events);
        }

        void awaitEvents(int count) {
            await().atMost(DEADLINE).until(() -> events.size() >= count || ended());
        }

        void awaitEnd() {
            await().atMost(DEADLINE).until(this::ended);
        }
    }
}
