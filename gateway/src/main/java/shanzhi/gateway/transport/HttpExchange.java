package shanzhi.gateway.transport;

import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import shanzhi.api.ErrorCode;

/**
 * The HTTP side of a GraphQL request. A WebGraphQlInterceptor cannot set the HTTP status (Spring
 * for GraphQL picks it), so an interceptor that refuses a request over HTTP with a status of its
 * own (429 for a rate limit, 400 for a subscription without a stream) asks for it here; over
 * graphql-ws there is no exchange and the refusal is only the GraphQL error.
 * <p>
 * It also answers the one body Spring for GraphQL answers with nothing at all: an empty body
 * (or the JSON {@code null}) decodes to no request, and the response would be an empty 200.
 */
@Component
public class HttpExchange implements WebFilter, Ordered {
    static final String EMPTY_BODY = "The request body is empty (or the JSON null): send one JSON object {\"query\": \"...\", "
            + "\"operationName\": ..., \"variables\": {...}} with Content-Type: application/json.";
    private static final Class<ServerWebExchange> KEY = ServerWebExchange.class;

    private final String path;

    public HttpExchange(@Value("${spring.graphql.http.path:${spring.graphql.path:/graphql}}") String path) {
        this.path = path;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!path.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
                .then(Mono.defer(() -> exchange.getResponse().isCommitted()
                        || exchange.getRequest().getMethod() != HttpMethod.POST ? Mono.<Void>empty()
                        : ErrorBody.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, EMPTY_BODY)))
                .contextWrite(context -> context.put(KEY, exchange));
    }

    /**
     * Answers this request over HTTP with {@code status} instead of the one Spring for GraphQL
     * chooses (applied as the response is committed); nothing when the request came another way.
     */
    public static Mono<Void> status(HttpStatus status) {
        return Mono.deferContextual(context -> {
            exchange(context).ifPresent(exchange -> exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().setStatusCode(status);
                return Mono.empty();
            }));
            return Mono.empty();
        });
    }

    private static Optional<ServerWebExchange> exchange(ContextView context) {
        return context.getOrEmpty(KEY);
    }

    /** After Spring Security (-100), which answers 401 itself. */
    @Override
    public int getOrder() {
        return 0;
    }
}
