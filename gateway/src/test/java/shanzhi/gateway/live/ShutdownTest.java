package shanzhi.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.GraphQlClient;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.publisher.Mono;
import shanzhi.api.Role;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.ShanzhiApplication;
import shanzhi.gateway.authentication.DemoTokenIssuer;

/**
 * Closing a gateway completes its open subscriptions: the graphql-ws subscriber gets "complete",
 * the SSE stream ends with its "complete" event; neither sees an error or a dropped connection.
 * A gateway of its own (same databases), since this one is shut down.
 */
class ShutdownTest {
    private static final String DOCUMENT = "subscription { gridEventReported(under: \"440513\") { id } }";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void closingTheGatewayCompletesOpenSubscriptionsOverBothTransports() {
        Map<String, Object> properties = new HashMap<>(GatewayTestConfiguration.properties());
        properties.put("server.port", "0");
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(ShanzhiApplication.class, TestLiveEvents.class)
                .run(arguments.toArray(String[]::new));
        WebSocketGraphQlClient webSocket = null;
        try {
            String port = gateway.getEnvironment().getRequiredProperty("local.server.port");
            String token = gateway.getBean(DemoTokenIssuer.class).issue("live-shutdown", List.of(Role.DISTRICT_ADMIN),
                    "440513", null, "live-tests", Duration.ofMinutes(10));
            PublishedLiveEvents live = gateway.getBean(PublishedLiveEvents.class);
            webSocket = WebSocketGraphQlClient.builder("ws://localhost:" + port + "/graphql", new ReactorNettyWebSocketClient())
                    .interceptor(new WebSocketGraphQlClientInterceptor() {
                        @Override
                        public Mono<Object> connectionInitPayload() {
                            return Mono.just(Map.of("Authorization", "Bearer " + token));
                        }
                    }).build();
            HttpGraphQlClient sse = HttpGraphQlClient.builder(WebClient.create("http://localhost:" + port + "/graphql"))
                    .header("Authorization", "Bearer " + token).build();
            Outcome overWebSocket = Outcome.of(webSocket);
            Outcome overSse = Outcome.of(sse);
            await().atMost(DEADLINE).until(() -> live.subscribers() == 2);

            gateway.close();

            await().atMost(DEADLINE).until(() -> overWebSocket.ended() && overSse.ended());
            assertThat(overWebSocket.error).isNull();
            assertThat(overSse.error).isNull();
            assertThat(overWebSocket.completed).isTrue();
            assertThat(overSse.completed).isTrue();
        } finally {
            gateway.close();
            if (webSocket != null) {
                webSocket.stop().onErrorComplete().block(DEADLINE);
            }
        }
    }

    private static final class Outcome {
        final ConcurrentLinkedQueue<ClientGraphQlResponse> events = new ConcurrentLinkedQueue<>();
        volatile Throwable error;
        volatile boolean completed;

        static Outcome of(GraphQlClient client) {
            Outcome outcome = new Outcome();
            client.document(DOCUMENT).executeSubscription()
                    .subscribe(outcome.events::add, failure -> outcome.error = failure, () -> outcome.completed = true);
            return outcome;
        }

        boolean ended() {
            return completed || error != null;
        }
    }
}
