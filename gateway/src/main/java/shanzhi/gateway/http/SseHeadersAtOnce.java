package shanzhi.gateway.http;

import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A subscription over SSE sends its status and headers at once: the stream starts with an empty,
 * flushed write, which commits the response and puts the headers on the wire with no body bytes.
 * Without it the response is committed only with the first event (or keep-alive), and a client
 * that waits for the headers may give up on a quiet subscription. Not an SSE comment line: Spring
 * for GraphQL's own SSE client (2.0) ends a subscription at the first event that is not "next",
 * comments included. Only the event stream is touched: its writes are the flushed kind
 * (writeAndFlushWith), which no other answer on the GraphQL path uses.
 */
final class SseHeadersAtOnce implements WebFilter, Ordered {
    private final String path;

    SseHeadersAtOnce(String path) {
        this.path = path;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        boolean eventStream = request.getMethod() == HttpMethod.POST
                && path.equals(request.getPath().pathWithinApplication().value())
                && acceptsEventStream(exchange);
        if (!eventStream) {
            return chain.filter(exchange);
        }
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                if (!MediaType.TEXT_EVENT_STREAM.isCompatibleWith(getHeaders().getContentType())) {
                    return super.writeAndFlushWith(body);
                }
                Publisher<DataBuffer> opening = Mono.fromSupplier(() -> bufferFactory().allocateBuffer(0));
                return super.writeAndFlushWith(Flux.<Publisher<? extends DataBuffer>>just(opening).concatWith(body));
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    private static boolean acceptsEventStream(ServerWebExchange exchange) {
        try {
            return exchange.getRequest().getHeaders().getAccept().stream()
                    .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    /** Inside Spring Security's chain (-100) and the rate limit (0): only admitted requests get here. */
    @Override
    public int getOrder() {
        return 10;
    }
}
