package shanzhi.gateway.audit;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;
import shanzhi.gateway.observability.RequestThreadLocals;

/**
 * Writes the access log line of every HTTP request (SSE included) once its response is done, so
 * also of those refused before any GraphQL runs (401, 429, 400, 413, 503) with their status. Runs
 * before Spring Security. Health probes and GraphiQL's page are not logged, nor the WebSocket
 * upgrade: each graphql-ws operation gets its own line (AccessLogInterceptor).
 */
@Component
public class AccessLogFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (path.startsWith("/actuator") || path.startsWith("/graphiql")
                || "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            return chain.filter(exchange);
        }
        boolean sse = request.getMethod() == HttpMethod.POST
                && request.getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM);
        AccessLog.Line line = new AccessLog.Line(request.getId(), sse ? "sse" : "http");
        exchange.getAttributes().put(AccessLog.ATTRIBUTE, line);
        return Mono.deferContextual(context -> chain.filter(exchange).doFinally(signal -> {
            var status = exchange.getResponse().getStatusCode();
            line.status = status == null ? null : status.value();
            if (line.outcome == null) {
                line.outcome = outcomeOf(line.status);
            }
            try (var ids = RequestThreadLocals.from(context)) {
                line.write();
            }
        }));
    }

    /** For requests no GraphQL answered. */
    private static String outcomeOf(Integer status) {
        if (status == null || status < 400) {
            return "OK";
        }
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 429 -> "RATE_LIMITED";
            case 503 -> "OVERLOADED";
            default -> status < 500 ? "BAD_REQUEST" : "ERROR";
        };
    }

    /** Just inside RequestIds, so the access line carries the request id (and the trace id) in the MDC. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
