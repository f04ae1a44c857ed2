package shanzhi.gateway.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceKind;
import shanzhi.gateway.redis.RedisBreaker;
import shanzhi.gateway.redis.RedisKeys;

/**
 * The Redis side of the reference cache. Every call has a short timeout and goes through one
 * circuit breaker: while Redis fails, the breaker opens and calls are skipped at once, so
 * requests are served from the stores without waiting for a timeout each. The outage is logged
 * once when the breaker opens and once when it closes again; every failed or skipped call counts.
 * <p>
 * Entries are named {@code <prefix>ref:<kind>:<shape>:<generations>:<key>}, where the
 * generations are those of the tables the kind depends on ({@code <prefix>ref:gen:<table>}).
 * Invalidating a table is one INCR: entries under the old generation are never read again and
 * expire by their TTL. Generations are per table rather than per kind so that a replica can
 * invalidate every kind that depends on a table without knowing them all.
 */
final class SharedTier {
    private static final Logger log = LoggerFactory.getLogger(SharedTier.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of(new ClassPathResource("cache/read.lua"), List.class);
    private static final RedisScript<Long> WRITE = RedisScript.of(new ClassPathResource("cache/write.lua"), Long.class);

    /** What Redis held for a batch; {@code generation} is null when Redis could not be asked. */
    record Read(String generation, Map<String, String> values) {
        static final Read UNAVAILABLE = new Read(null, Map.of());

        boolean available() {
            return generation != null;
        }
    }

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final ReferenceCacheProperties.Redis settings;
    private final RedisBreaker redisBreaker;
    private final CircuitBreaker breaker;
    private final CacheMetrics metrics;

    SharedTier(ReactiveStringRedisTemplate redis, RedisKeys keys, ReferenceCacheProperties.Redis settings,
               CacheMetrics metrics, Runnable onRecovery) {
        this.redis = redis;
        this.keys = keys;
        this.settings = settings;
        this.metrics = metrics;
        this.redisBreaker = new RedisBreaker(CircuitBreaker.of("reference-cache-redis", RedisBreaker.config(
                settings.slidingWindow(), settings.failureRateThreshold(), settings.waitInOpenState(),
                settings.permittedCallsInHalfOpenState())), settings.timeout());
        this.breaker = redisBreaker.circuitBreaker();
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.StateTransition transition = event.getStateTransition();
            if (transition == CircuitBreaker.StateTransition.CLOSED_TO_OPEN) {
                log.warn("Redis fails for the reference cache: serving reference data from the stores "
                        + "(near-cache still used) until it answers again; probing every {}", settings.waitInOpenState());
            } else if (transition.getToState() == CircuitBreaker.State.CLOSED) {
                onRecovery.run();
                log.info("Redis answers the reference cache again: caching in Redis resumed, near-cache cleared");
            }
        });
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** The cached values of {@code ids} under the current generations of the kind's tables; one round trip. */
    Mono<Read> read(ReferenceKind<?, ?> kind, RowCodec codec, List<String> ids) {
        List<String> generationKeys = kind.tables().stream().sorted().map(this::generationKey).toList();
        List<String> arguments = new ArrayList<>(ids.size() + 1);
        arguments.add(entryBase(kind, codec));
        arguments.addAll(ids);
        return guarded(redis.execute(READ, generationKeys, arguments).collectList())
                .map(reply -> toRead(flatten(reply), ids))
                .onErrorResume(failure -> {
                    failed(failure);
                    return Mono.just(Read.UNAVAILABLE);
                });
    }

    /** Stores {@code values} (id to encoded value) under the generation they were read in; one round trip. */
    Mono<Void> write(ReferenceKind<?, ?> kind, RowCodec codec, String generation, Map<String, String> values) {
        if (values.isEmpty()) {
            return Mono.empty();
        }
        String base = entryBase(kind, codec) + generation + ":";
        List<String> names = new ArrayList<>(values.size());
        List<String> arguments = new ArrayList<>(values.size() + 2);
        arguments.add(Long.toString(settings.ttl().toMillis()));
        arguments.add(Long.toString(settings.absentTtl().toMillis()));
        values.forEach((id, value) -> {
            names.add(base + id);
            arguments.add(value);
        });
        return guarded(redis.execute(WRITE, names, arguments).then())
                .onErrorResume(failure -> {
                    failed(failure);
                    return Mono.empty();
                });
    }

    /** Makes every entry that depends on {@code table} stale, in all replicas at once. */
    Mono<Void> bump(String table) {
        return guarded(redis.opsForValue().increment(generationKey(table)).then())
                .onErrorResume(failure -> {
                    failed(failure);
                    return Mono.empty();
                });
    }

    private <T> Mono<T> guarded(Mono<T> call) {
        return redisBreaker.guard(call);
    }

    private void failed(Throwable failure) {
        if (RedisBreaker.skipped(failure)) {
            metrics.redisSkipped();
        } else {
            metrics.redisError();
            log.debug("Reference cache call to Redis failed: {}", failure.toString());
        }
    }

    private String generationKey(String table) {
        return keys.key("ref", "gen", table);
    }

    private String entryBase(ReferenceKind<?, ?> kind, RowCodec codec) {
        return keys.key("ref", kind.name(), codec.fingerprint()) + ":";
    }

    // Depending on the driver, a script's array reply arrives as one list or element by element.
    private static List<Object> flatten(List<?> reply) {
        List<Object> flat = new ArrayList<>();
        for (Object element : reply) {
            if (element instanceof Collection<?> nested) {
                flat.addAll(nested);
            } else {
                flat.add(element);
            }
        }
        return flat;
    }

    private static Read toRead(List<Object> reply, List<String> ids) {
        if (reply.size() != ids.size() + 1) {
            throw new IllegalStateException("Reference cache read returned " + reply.size() + " values for " + ids.size() + " keys");
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String value = text(reply.get(i + 1));
            if (!value.isEmpty()) {
                values.put(ids.get(i), value);
            }
        }
        return new Read(text(reply.get(0)), values);
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
