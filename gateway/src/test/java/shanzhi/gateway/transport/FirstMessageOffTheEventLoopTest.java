package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

import reactor.core.publisher.Mono;
import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;

/**
 * The upgrade stays on the connection's event loop whatever ran before it: here a filter answers
 * every upgrade request on Reactor's parallel scheduler, as a cache miss or a key-set fetch for a
 * token sent on the upgrade does in production. Without WebSocketUpgrades moving the upgrade back,
 * a connection_init sent right after the handshake is lost now and then (closed 4408).
 */
class FirstMessageOffTheEventLoopTest {
    private static GatewayInstance gateway;

    /** Moves the rest of every WebSocket upgrade request's chain to another thread (test only). */
    @Configuration(proxyBeanMethods = false)
    static class ElsewhereBeforeTheUpgrade {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        WebFilter elsewhere() {
            return (exchange, chain) -> "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst("Upgrade"))
                    ? Mono.delay(Duration.ZERO).then(chain.filter(exchange))
                    : chain.filter(exchange);
        }
    }

    @BeforeAll
    static void start() {
        gateway = GatewayInstance.start(Map.of(), ElsewhereBeforeTheUpgrade.class);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void connectionInitIsReadEvenWhenTheRequestPathLeftTheEventLoop() throws Exception {
        String token = gateway.token("first-message-elsewhere", List.of(Role.DISTRICT_ADMIN), "440513", "api-tests");
        assertThat(FirstMessages.unanswered(gateway.port(), token, 120))
                .as("connections whose connection_init was not acknowledged").isEmpty();
    }
}
