package shanzhi.gateway.ratelimit;

import java.nio.charset.StandardCharsets;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import reactor.core.publisher.Mono;
import shanzhi.gateway.security.CallerClaims;

/**
 * Applies the rate limits to /graphql: over the limit is HTTP 429 with Retry-After (whole
 * seconds, rounded up) and a GraphQL-shaped JSON body with extensions.code RATE_LIMITED.
 * Ordered after Spring Security's filter chain (order -100), so the token is already verified:
 * a request without a valid token got its 401 there and never costs a Redis call.
 */
public class RateLimitFilter implements WebFilter, Ordered {
    public static final int ORDER = 0;
    /** Requests answered 429 (registered at once, so a scrape shows 0 rather than nothing). */
    private static final Counter REFUSALS = Metrics.counter("shanzhi.rate_limit.refusals");
    private final RateLimiter limiter;
    private final String path;

    public RateLimitFilter(RateLimiter limiter, String path) {
        this.limiter = limiter;
        this.path = path;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!path.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .flatMap(token -> limiter.acquire(CallerClaims.caller(((JwtAuthenticationToken) token).getToken())))
                .defaultIfEmpty(RateLimitDecision.ALLOWED)
                .flatMap(decision -> decision.allowed() ? chain.filter(exchange) : tooManyRequests(exchange, decision));
    }

    private static Mono<Void> tooManyRequests(ServerWebExchange exchange, RateLimitDecision decision) {
        REFUSALS.increment();
        long seconds = decision.retryAfterSeconds();
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"errors\":[{\"message\":\"Too many requests: retry after " + seconds
                + " s\",\"extensions\":{\"code\":\"RATE_LIMITED\",\"retryAfterSeconds\":" + seconds + "}}]}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
