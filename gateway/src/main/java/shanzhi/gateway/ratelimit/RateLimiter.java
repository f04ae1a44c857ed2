package shanzhi.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import reactor.core.publisher.Mono;
import shanzhi.api.Caller;
import shanzhi.gateway.redis.RedisBreaker;
import shanzhi.gateway.redis.RedisKeys;

/**
 * The per-subject and per-client limits of one caller, decided by one atomic GCRA script in Redis
 * (EVALSHA; Spring falls back to EVAL when the server has not seen the script yet).
 * <p>
 * When Redis fails or answers too slowly the request is let through (fail open): a rate limit
 * protects capacity, and refusing every request while Redis is down would turn a Redis outage
 * into a gateway outage. Each such pass is counted (metric shanzhi.rate_limit.redis_failures)
 * and logged as a warning at most once a minute. The calls go through the limiter's Redis breaker
 * (redis-rate-limit): once it is open, requests pass at once instead of each waiting
 * {@code redis-timeout}; those passes count in shanzhi.rate_limit.redis_skipped as well.
 */
public class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final RedisScript<Long> GCRA = RedisScript.of(new ClassPathResource("ratelimit/gcra.lua"), Long.class);
    private static final long WARN_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final RateLimitProperties properties;
    private final RedisBreaker breaker;
    private final Counter failures = Metrics.counter("shanzhi.rate_limit.redis_failures");
    private final Counter skipped = Metrics.counter("shanzhi.rate_limit.redis_skipped");
    private final AtomicLong failedOpen = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE / 2);

    public RateLimiter(ReactiveStringRedisTemplate redis, RedisKeys keys, RateLimitProperties properties, RedisBreaker breaker) {
        this.redis = redis;
        this.breaker = breaker;
        this.keys = keys;
        this.properties = properties;
    }

    public Mono<RateLimitDecision> acquire(Caller caller) {
        RateLimitProperties.Limit subject = properties.getSubject();
        RateLimitProperties.Limit client = properties.getClient();
        List<String> limitKeys = List.of(keys.key("rate", "subject", caller.subject()), keys.key("rate", "client", caller.client()));
        List<String> arguments = List.of(
                Long.toString(subject.emissionIntervalMicros()), Integer.toString(subject.getBurst()),
                Long.toString(client.emissionIntervalMicros()), Integer.toString(client.getBurst()));
        return breaker.guard(redis.execute(GCRA, limitKeys, arguments).next())
                .map(RateLimitDecision::waitFor)
                .onErrorResume(this::failOpen);
    }

    public RedisBreaker breaker() {
        return breaker;
    }

    /** How many requests passed unchecked because Redis failed (the metric's value, for this limiter). */
    public long failedOpenCount() {
        return failedOpen.get();
    }

    private Mono<RateLimitDecision> failOpen(Throwable error) {
        failedOpen.incrementAndGet();
        failures.increment();
        if (RedisBreaker.skipped(error)) {
            skipped.increment();
        }
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limiter cannot reach Redis, letting requests through unchecked ({} so far): {}",
                    failedOpen.get(), error.toString());
        }
        return Mono.just(RateLimitDecision.ALLOWED);
    }
}
