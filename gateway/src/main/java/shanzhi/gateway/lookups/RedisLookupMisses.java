package shanzhi.gateway.lookups;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import reactor.core.publisher.Mono;
import shanzhi.api.DistrictTime;
import shanzhi.api.LookupMisses;
import shanzhi.gateway.redis.RedisBreaker;
import shanzhi.gateway.redis.RedisKeys;

/**
 * The miss budgets in Redis, one counter per subject, lookup and district day, shared by every
 * replica. Unlike the rate limit this fails to a count of the replica's own, not open: a budget
 * that lapsed with Redis would let a caller confirm guesses for as long as Redis is down. Across
 * an outage a subject can at most use the budget once per replica.
 */
public class RedisLookupMisses implements LookupMisses {
    private static final Logger log = LoggerFactory.getLogger(RedisLookupMisses.class);
    private static final RedisScript<Long> CHARGE = RedisScript.of(new ClassPathResource("lookups/charge.lua"), Long.class);
    /** A day's counter outlives the day by one, whatever the time zone of the server's clock. */
    private static final long LIFETIME_SECONDS = 2 * 24 * 3600;

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final LookupMissesProperties properties;
    private final RedisBreaker breaker;
    private final Map<String, AtomicInteger> local = new ConcurrentHashMap<>();
    private final Counter refused = Metrics.counter("shanzhi.lookups.refused");
    private final Counter redisFailures = Metrics.counter("shanzhi.lookups.redis_failures");

    public RedisLookupMisses(ReactiveStringRedisTemplate redis, RedisKeys keys, LookupMissesProperties properties,
                             RedisBreaker breaker) {
        this.redis = redis;
        this.breaker = breaker;
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public Mono<Charge> charge(String subject, String lookup) {
        String key = key(subject, lookup);
        return breaker.guard(redis.execute(CHARGE, List.of(key), List.of(Integer.toString(perDay()), Long.toString(LIFETIME_SECONDS)))
                        .next())
                .map(within -> new Charge(within == 1L, refundInRedis(key)))
                .onErrorResume(error -> {
                    redisFailures.increment();
                    // Once the breaker is open this is every request: a debug line, the breaker logs the outage.
                    log.debug("Lookup miss budget: Redis failed, counting on this replica: {}", error.toString());
                    return Mono.just(chargeLocally(key));
                })
                .doOnNext(charge -> {
                    if (!charge.within()) {
                        refused.increment();
                    }
                });
    }

    private Mono<Void> refundInRedis(String key) {
        return breaker.guard(Mono.defer(() -> redis.opsForValue().decrement(key)))
                .onErrorResume(error -> Mono.empty())
                .then();
    }

    @Override
    public int perDay() {
        return properties.getMissBudgetPerDay();
    }

    private Charge chargeLocally(String key) {
        LocalDate today = DistrictTime.today();
        local.keySet().removeIf(old -> !old.endsWith(":" + today));
        AtomicInteger used = local.computeIfAbsent(key, unused -> new AtomicInteger());
        if (used.incrementAndGet() > perDay()) {
            used.decrementAndGet();
            return new Charge(false, Mono.empty());
        }
        return new Charge(true, Mono.fromRunnable(used::decrementAndGet));
    }

    private String key(String subject, String lookup) {
        return keys.key("lookups", "misses", lookup, subject, DistrictTime.today().toString());
    }
}
