package shanzhi.gateway.observability;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id, logged with each of its lines (MDC key requestId, beside traceId
 * and spanId) and answered in X-Request-Id. An X-Request-Id set by the ingress is kept when it
 * is a plain token (letters, digits, '-', '_', '.', at most 64), so the ingress's log and ours
 * meet; anything else from the client is replaced. The id travels in the Reactor context (and
 * from there in the GraphQL context); the lines that log it put it in the MDC with the trace ids
 * through {@link RequestThreadLocals}, and Reactor's handle and tap do the same.
 */
@Component
public class RequestIds implements WebFilter, Ordered {
    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY,
                () -> MDC.get(KEY), id -> MDC.put(KEY, id), () -> MDC.remove(KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        exchange.getResponse().getHeaders().set(HEADER, id);
        exchange.getAttributes().put(KEY, id);
        return chain.filter(exchange).contextWrite(context -> context.put(KEY, id));
    }

    /** First, so that the security filters' and every later line carries the id. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
