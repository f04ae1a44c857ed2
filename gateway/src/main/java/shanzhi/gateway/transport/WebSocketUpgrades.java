package shanzhi.gateway.transport;

import java.util.function.Supplier;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

import io.netty.channel.EventLoop;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * WebSocket upgrades run on the connection's own event loop. Reactor Netty binds the WebSocket to
 * the connection in a listener of the handshake's write; when the upgrade runs on another thread
 * (because something on the request path answered there: a cache miss, a key set fetched for a
 * token on the upgrade, a WebSession), that binding becomes a later event-loop task, and a frame
 * read before it is dropped. For graphql-ws that frame is the client's connection_init, sent the
 * moment the handshake completes, and the client is closed 4408 ten seconds later.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class WebSocketUpgrades implements WebFluxConfigurer {

    @Override
    public WebSocketService getWebSocketService() {
        return new HandshakeWebSocketService(new OnEventLoop(new ReactorNettyRequestUpgradeStrategy()));
    }

    /** Reactor Netty's upgrade, moved onto the connection's event loop when it is called from elsewhere. */
    record OnEventLoop(RequestUpgradeStrategy delegate) implements RequestUpgradeStrategy {
        @Override
        public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, String subProtocol,
                                  Supplier<HandshakeInfo> handshakeInfo) {
            Mono<Void> upgrade = Mono.defer(() -> delegate.upgrade(exchange, handler, subProtocol, handshakeInfo));
            EventLoop loop = eventLoop(exchange);
            return loop == null || loop.inEventLoop() ? upgrade : upgrade.subscribeOn(Schedulers.fromExecutor(loop));
        }

        private static EventLoop eventLoop(ServerWebExchange exchange) {
            try {
                return ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection
                        ? connection.channel().eventLoop() : null;
            } catch (IllegalArgumentException notNetty) {
                return null; // another server: its own upgrade, as it comes
            }
        }
    }
}
