package shanzhi.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

import graphql.ExecutionResult;
import reactor.core.publisher.Mono;
import shanzhi.gateway.ratelimit.RateLimitInterceptor;

/**
 * The limits of a request as a whole. The document's size is checked before graphql-java parses
 * it. The time limit covers everything after the transport: when it passes, the execution is
 * cancelled (Spring GraphQL cancels the ExecutionInput when its Mono is cancelled, and
 * graphql-java then fetches no further field) and the client gets a REQUEST_TIMEOUT error.
 */
@Component
public class RequestLimits implements WebGraphQlInterceptor, Ordered {
    private final LimitsProperties limits;

    public RequestLimits(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        int bytes = request.getDocument().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxDocumentBytes()) {
            return Mono.just(refused(request, new LimitExceeded(Limit.DOCUMENT_SIZE, bytes, limits.maxDocumentBytes())));
        }
        Duration timeout = limits.requestTimeout();
        long start = System.nanoTime();
        return chain.next(request).timeout(timeout, Mono.fromSupplier(() -> refused(request,
                new LimitExceeded(Limit.REQUEST_TIME, Duration.ofNanos(System.nanoTime() - start).toMillis(),
                        timeout.toMillis()))));
    }

    private static WebGraphQlResponse refused(WebGraphQlRequest request, LimitExceeded exceeded) {
        ExecutionResult result = ExecutionResult.newExecutionResult().addError(exceeded.toError()).build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }

    /** Right after the rate limit, so that the time limit spans every other interceptor. */
    @Override
    public int getOrder() {
        return RateLimitInterceptor.ORDER + 1;
    }
}
