package shanzhi.gateway.authentication;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.WebSocketUpgradeHandlerPredicate;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's graphql-ws handler with two additions WebSocketAuthentication needs and Spring's
 * interceptor contract does not offer: the session, so that an operation on an expired token can
 * close the connection, and the payload of {@code ping} messages, which carries a renewed token.
 * Spring answers the ping with pong as before. It takes the graphql-ws path ahead of Spring Boot's
 * own mapping (order -2), for WebSocket upgrades only, like that one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnExpression("'${spring.graphql.websocket.path:}' != ''")
public class RenewableWebSocket {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    HandlerMapping renewableGraphQlWebSocket(GraphQlWebSocketHandler graphQlWebSocket, WebSocketAuthentication authentication,
                                             @Value("${spring.graphql.websocket.path}") String path) {
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping();
        mapping.setHandlerPredicate(new WebSocketUpgradeHandlerPredicate());
        mapping.setUrlMap(Map.of(path, new Handler(graphQlWebSocket, authentication)));
        mapping.setOrder(-3);
        return mapping;
    }

    private record Handler(GraphQlWebSocketHandler delegate, WebSocketAuthentication authentication)
            implements WebSocketHandler, CorsConfigurationSource {

        @Override
        public List<String> getSubProtocols() {
            return delegate.getSubProtocols();
        }

        @Override
        public CorsConfiguration getCorsConfiguration(ServerWebExchange exchange) {
            return delegate.getCorsConfiguration(exchange);
        }

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            WebSocketAuthentication.opened(session);
            return delegate.handle(new PingReadingSession(session, authentication));
        }
    }

    /** The session as Spring's handler sees it: every received message passes unchanged, pings are read on the way. */
    private record PingReadingSession(WebSocketSession session, WebSocketAuthentication authentication)
            implements WebSocketSession {

        @Override
        public Flux<WebSocketMessage> receive() {
            return session.receive().doOnNext(this::readPing);
        }

        @SuppressWarnings("unchecked")
        private void readPing(WebSocketMessage message) {
            if (message.getType() != WebSocketMessage.Type.TEXT) {
                return;
            }
            String text = message.getPayloadAsText();
            if (!text.contains("ping")) {
                return; // not worth parsing: only a ping can renew
            }
            Map<String, Object> ping;
            try {
                ping = JSON.readValue(text, Map.class);
            } catch (RuntimeException malformed) {
                return; // Spring's handler closes the connection with 4400 for it
            }
            if ("ping".equals(ping.get("type")) && ping.get("payload") instanceof Map<?, ?> payload) {
                authentication.ping(session, (Map<String, Object>) payload);
            }
        }

        @Override public String getId() { return session.getId(); }
        @Override public HandshakeInfo getHandshakeInfo() { return session.getHandshakeInfo(); }
        @Override public DataBufferFactory bufferFactory() { return session.bufferFactory(); }
        @Override public Map<String, Object> getAttributes() { return session.getAttributes(); }
        @Override public Mono<Void> send(Publisher<WebSocketMessage> messages) { return session.send(messages); }
        @Override public boolean isOpen() { return session.isOpen(); }
        @Override public Mono<Void> close(CloseStatus status) { return session.close(status); }
        @Override public Mono<CloseStatus> closeStatus() { return session.closeStatus(); }
        @Override public WebSocketMessage textMessage(String payload) { return session.textMessage(payload); }
        @Override public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payload) { return session.binaryMessage(payload); }
        @Override public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payload) { return session.pingMessage(payload); }
        @Override public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payload) { return session.pongMessage(payload); }
    }
}
