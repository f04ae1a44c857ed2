package shanzhi.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.publisher.Mono;
import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayInstance;

/**
 * CORS over plain HTTP: the demo's list (local development servers) and a deployment's own list;
 * preflight, POST and the graphql-ws handshake obey the same list, anything else is 403.
 * (PortalBrowserTest does the same from pages in a real browser.)
 */
class CorsTest extends ApiTestBase {
    private static final String LOCAL_PORTAL = "http://localhost:3000";
    private static final String FOREIGN = "https://portal.example.org";
    private static final String QUERY = "{\"query\":\"{ region(code: \\\"440513\\\") { name } }\"}";

    @LocalServerPort
    int gatewayPort;

    WebTestClient gateway() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + gatewayPort).responseTimeout(Duration.ofSeconds(60)).build();
    }

    String token() {
        return tokens.issue("cors-test", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "cors-tests", Duration.ofMinutes(10));
    }

    @Test
    void aPreflightFromALocalDevelopmentServerIsAnsweredWithoutAToken() {
        gateway().options().uri("/graphql")
                .header(HttpHeaders.ORIGIN, LOCAL_PORTAL)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, LOCAL_PORTAL)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase()).contains("authorization").contains("content-type"))
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "1800");
    }

    @Test
    void aPreflightFromAnOriginNotOnTheListIsForbidden() {
        gateway().options().uri("/graphql")
                .header(HttpHeaders.ORIGIN, FOREIGN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void aPreflightForAMethodOrHeaderNotOnTheListIsForbidden() {
        gateway().options().uri("/graphql").header(HttpHeaders.ORIGIN, LOCAL_PORTAL)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "DELETE")
                .exchange().expectStatus().isForbidden();
        gateway().options().uri("/graphql").header(HttpHeaders.ORIGIN, LOCAL_PORTAL)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-forwarded-for")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aPostFromAnAllowedOriginIsAnsweredAndMayBeRead() {
        gateway().post().uri("/graphql").header(HttpHeaders.ORIGIN, "http://127.0.0.1:5173")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(QUERY)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://127.0.0.1:5173")
                .expectBody().jsonPath("$.data.region.name").isEqualTo("潮阳区");
    }

    @Test
    void aPostFromAnOriginNotOnTheListIsForbiddenEvenWithAValidToken() {
        gateway().post().uri("/graphql").header(HttpHeaders.ORIGIN, FOREIGN)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(QUERY)
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void requestsWithoutAnOriginAreNotCorsAndPassAsBefore() {
        gateway().post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + token())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(QUERY)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void theWebSocketHandshakeFromAnOriginNotOnTheListIsForbidden() {
        gateway().get().uri("/graphql")
                .header(HttpHeaders.ORIGIN, FOREIGN)
                .header(HttpHeaders.UPGRADE, "websocket").header(HttpHeaders.CONNECTION, "Upgrade")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Protocol", "graphql-transport-ws")
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aWebSocketFromAnAllowedOriginIsAcknowledged() {
        assertThat(connectionInit(gatewayPort, LOCAL_PORTAL)).contains("connection_ack");
    }

    /** A deployment's own list replaces the demo's: its portal passes, local servers are refused. */
    @Test
    void aDeploymentsOwnListIsTheOnlyOneThatCounts() {
        String portal = "https://portal.shantou.example.cn";
        try (GatewayInstance deployment = GatewayInstance.start(Map.of("shanzhi.cors.allowed-origins", portal,
                "shanzhi.cors.max-age", "10m"))) {
            deployment.http().options().uri("/graphql").header(HttpHeaders.ORIGIN, portal)
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST").exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, portal)
                    .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
            deployment.http().options().uri("/graphql").header(HttpHeaders.ORIGIN, LOCAL_PORTAL)
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST").exchange()
                    .expectStatus().isForbidden();
            assertThat(connectionInit(deployment.port(), portal, deployment.token("cors-test", List.of(Role.DISTRICT_ADMIN),
                    DISTRICT, "cors-tests"))).contains("connection_ack");
        }
    }

    private String connectionInit(int port, String origin) {
        return connectionInit(port, origin, token());
    }

    /** Opens graphql-ws as a browser on {@code origin} would and returns the first message. */
    private static String connectionInit(int port, String origin, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ORIGIN, origin);
        AtomicReference<String> first = new AtomicReference<>();
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return List.of("graphql-transport-ws");
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                String init = "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}";
                // Without a first message, what closed the connection (so that a failure says why).
                session.closeStatus().subscribe(status -> first.compareAndSet(null, "closed without a message: " + status));
                return session.send(Mono.just(session.textMessage(init)))
                        .thenMany(session.receive().take(1).doOnNext(message -> first.set(message.getPayloadAsText())))
                        .then(session.close());
            }
        };
        new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + port + "/graphql"), headers, handler)
                .block(Duration.ofSeconds(30));
        return first.get();
    }
}
