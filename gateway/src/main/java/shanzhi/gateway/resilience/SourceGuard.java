package shanzhi.gateway.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.gateway.sources.Department;

/**
 * One department's timeout, circuit breaker and bulkhead, applied to a statement's publisher.
 * The breaker is outermost, so an open breaker fails the statement before it takes a bulkhead
 * permit or a connection; the timeout is innermost, so a timed-out statement counts as a failure
 * and gives its permit back.
 */
public final class SourceGuard {
    private final Department department;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;

    SourceGuard(Department department, CircuitBreaker circuitBreaker, Bulkhead bulkhead, TimeLimiter timeLimiter) {
        this.department = department;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
        this.timeLimiter = timeLimiter;
    }

    public Department department() {
        return department;
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    public Bulkhead bulkhead() {
        return bulkhead;
    }

    public TimeLimiter timeLimiter() {
        return timeLimiter;
    }

    public <T> Mono<T> guard(Mono<T> statement) {
        return statement
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .onErrorMap(this::unavailable, this::toSourceUnavailable);
    }

    public <T> Flux<T> guard(Flux<T> statement) {
        return statement
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .onErrorMap(this::unavailable, this::toSourceUnavailable);
    }

    private boolean unavailable(Throwable failure) {
        return failure instanceof CallNotPermittedException || failure instanceof BulkheadFullException
                || StoreOutages.isOutage(failure);
    }

    private Throwable toSourceUnavailable(Throwable failure) {
        String reason;
        if (failure instanceof CallNotPermittedException) {
            reason = "circuit breaker open after repeated failures";
        } else if (failure instanceof BulkheadFullException) {
            reason = "too many statements in flight";
        } else if (failure instanceof java.util.concurrent.TimeoutException) {
            reason = "no answer within " + timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toMillis() + " ms";
        } else {
            reason = "the store cannot be reached";
        }
        return new SourceUnavailable(department, reason, failure);
    }
}
