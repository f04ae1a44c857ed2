package shanzhi.gateway.ratelimit;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import reactor.core.publisher.Mono;
import shanzhi.gateway.authentication.CallerClaims;
import shanzhi.gateway.transport.HttpExchange;
import shanzhi.gateway.transport.StreamedResponses;
import shanzhi.api.ErrorCode;

/**
 * Counts every GraphQL operation against the caller's budgets, whatever carries it: Spring for
 * GraphQL runs its interceptors for HTTP POST, SSE and each graphql-ws subscribe message alike, so
 * 150 queries on one socket cost what 150 POSTs cost. Over a limit the operation is not run and
 * gets one error with extensions.code RATE_LIMITED and retryAfterSeconds (whole seconds, rounded
 * up); over HTTP the answer is also status 429 with a Retry-After header, over graphql-ws the
 * socket stays open. The token was verified before (HTTP: Spring Security's filter chain;
 * graphql-ws: connection_init), so a request without a valid one never costs a Redis call.
 */
public class RateLimitInterceptor implements WebGraphQlInterceptor, Ordered {
    /** Right inside StreamedResponses, which carries the refusal over SSE; before every other check. */
    public static final int ORDER = StreamedResponses.ORDER + 1;
    /** Operations refused (registered at once, so a scrape shows 0 rather than nothing). */
    private static final Counter REFUSALS = Metrics.counter("shanzhi.rate_limit.refusals");
    private final RateLimiter limiter;

    public RateLimitInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .flatMap(token -> limiter.acquire(CallerClaims.caller(((JwtAuthenticationToken) token).getToken())))
                .defaultIfEmpty(RateLimitDecision.ALLOWED)
                .flatMap(decision -> decision.allowed() ? chain.next(request) : refused(request, decision));
    }

    private static Mono<WebGraphQlResponse> refused(WebGraphQlRequest request, RateLimitDecision decision) {
        REFUSALS.increment();
        long seconds = decision.retryAfterSeconds();
        ExecutionResult result = ExecutionResult.newExecutionResult().addError(GraphqlErrorBuilder.newError()
                .errorType(ErrorType.ExecutionAborted)
                .message("Too many requests: retry after " + seconds + " s")
                .extensions(Map.of("code", ErrorCode.RATE_LIMITED.name(), "retryAfterSeconds", seconds))
                .build()).build();
        WebGraphQlResponse response = new WebGraphQlResponse(
                new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
        response.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return HttpExchange.status(HttpStatus.TOO_MANY_REQUESTS).thenReturn(response);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
