package shanzhi.gateway.live;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import shanzhi.api.Caller;
import shanzhi.api.ErrorCode;
import shanzhi.api.LiveEvent;
import shanzhi.api.LiveEvents;
import shanzhi.api.LiveFeed;
import shanzhi.api.SubscriptionEnded;

/**
 * The replica's live events as one subscriber may see them (see {@link LiveFeed}). The rights are
 * checked for every event, not once at subscribe time: the event's cell must lie under the
 * followed region and under the caller's scope, and the caller's token must still be valid when
 * the event is handed to the subscriber.
 */
@Component
public class GuardedLiveFeed implements LiveFeed {
    private final ObjectProvider<LiveEvents> events;
    private final SubscriptionProperties properties;
    private final LiveShutdown shutdown;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Integer> openPerCaller = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    public GuardedLiveFeed(ObjectProvider<LiveEvents> events, SubscriptionProperties properties, LiveShutdown shutdown,
                           MeterRegistry meters) {
        this.events = events;
        this.properties = properties;
        this.shutdown = shutdown;
        this.meters = meters;
        this.clock = Clock.systemUTC();
        meters.gauge("shanzhi.subscriptions.open", open);
    }

    @Override
    public Flux<LiveEvent> follow(String topic, Caller caller, String region) {
        return Flux.defer(() -> {
            LiveEvents source = events.getIfAvailable();
            if (source == null) {
                return Flux.error(new SubscriptionEnded(ErrorCode.SUBSCRIPTIONS_UNAVAILABLE,
                        "This gateway has no live-event relay configured: subscriptions are not available"));
            }
            if (!admit(caller.subject())) {
                return Flux.error(ended(ErrorCode.TOO_MANY_SUBSCRIPTIONS, "You already have "
                        + properties.maxPerCaller() + " open subscriptions on this gateway "
                        + "(shanzhi.subscriptions.max-per-caller); end one first"));
            }
            open.incrementAndGet();
            int buffer = properties.buffer();
            return source.on(topic)
                    .filter(event -> event.cellCode() != null && event.cellCode().startsWith(region)
                            && caller.scope().covers(event.cellCode()))
                    // A subscriber that cannot keep up is ended, not thinned out: silently dropped
                    // events would leave it believing it saw every report in its region. The error
                    // tells it to catch up with a query and subscribe again.
                    .onBackpressureBuffer(buffer, dropped -> { }, BufferOverflowStrategy.ERROR)
                    .onErrorMap(Exceptions::isOverflow, overflow -> ended(ErrorCode.SUBSCRIBER_TOO_SLOW,
                            "subscriber too slow: " + buffer + " events buffered (shanzhi.subscriptions.buffer); "
                                    + "catch up with a query and subscribe again"))
                    // After the buffer, so that an event waiting there is not delivered on an expired token.
                    .<LiveEvent>handle((event, sink) -> {
                        if (caller.validAt(clock.instant())) {
                            sink.next(event);
                        } else {
                            sink.error(ended(ErrorCode.TOKEN_EXPIRED, "Your token expired at "
                                    + caller.expiresAt() + ": subscribe again with a fresh token"));
                        }
                    })
                    .takeUntilOther(shutdown.closing())
                    .doFinally(signal -> {
                        open.decrementAndGet();
                        release(caller.subject());
                    });
        });
    }

    /** Subscriptions open on this replica (also the gauge shanzhi.subscriptions.open). */
    public int open() {
        return open.get();
    }

    private boolean admit(String subject) {
        int count = openPerCaller.merge(subject, 1, Integer::sum);
        if (count > properties.maxPerCaller()) {
            release(subject);
            return false;
        }
        return true;
    }

    private void release(String subject) {
        openPerCaller.computeIfPresent(subject, (key, count) -> count > 1 ? count - 1 : null);
    }

    private SubscriptionEnded ended(ErrorCode code, String message) {
        counter(code).increment();
        return new SubscriptionEnded(code, message);
    }

    private Counter counter(ErrorCode code) {
        return meters.counter("shanzhi.subscriptions.ended", "reason", code.name());
    }
}
