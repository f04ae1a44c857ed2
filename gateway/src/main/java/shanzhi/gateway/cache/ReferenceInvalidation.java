package shanzhi.gateway.cache;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import shanzhi.api.LiveEvent;
import shanzhi.api.LiveEvents;

/**
 * Applies the reference.changed events every replica receives (the stores' triggers write them
 * to each department's outbox; the relay fans them out) to this replica's cache. Every replica
 * bumps the table's generation in Redis, so the change takes effect even if some replica misses
 * the event; extra bumps only cost a few reloads.
 */
final class ReferenceInvalidation implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ReferenceInvalidation.class);
    private final ObjectProvider<LiveEvents> events;
    private final TieredReferenceCache cache;
    private volatile Disposable subscription;

    ReferenceInvalidation(ObjectProvider<LiveEvents> events, TieredReferenceCache cache) {
        this.events = events;
        this.cache = cache;
    }

    @Override
    public void start() {
        LiveEvents source = events.getIfAvailable();
        if (source == null) {
            log.warn("No live events in this gateway: reference data changes reach the cache only through its TTLs "
                    + "(shanzhi.reference-cache.near.ttl, .redis.ttl)");
            return;
        }
        subscription = source.on(LiveEvents.REFERENCE_CHANGED)
                .concatMap(this::apply)
                // A broken feed may have lost events: whatever the near-cache holds is suspect.
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> {
                            log.warn("Reference change feed failed, resubscribing (near-cache cleared): {}", signal.failure().toString());
                            cache.clearNear();
                        }))
                .subscribe();
    }

    private Mono<Void> apply(LiveEvent event) {
        Object table = event.payload() == null ? null : event.payload().get("table");
        if (!(table instanceof String name)) {
            log.warn("reference.changed event {}/{} names no table; clearing the near-cache", event.department(), event.id());
            cache.clearNear();
            return Mono.empty();
        }
        return cache.invalidate(name);
    }

    @Override
    public void stop() {
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
        }
        subscription = null;
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
