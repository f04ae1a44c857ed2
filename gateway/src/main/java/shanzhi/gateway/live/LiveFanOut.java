package shanzhi.gateway.live;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import shanzhi.api.LiveEvent;
import shanzhi.api.LiveEvents;

/**
 * This replica's {@link LiveEvents}: every event read from the live stream, once. The sink is
 * best-effort multicast: it never waits for a subscriber, so a subscriber without demand misses
 * events instead of stalling the stream reader and every other subscriber; bounding a buffer is
 * the consumer's job (see {@link LiveEvents}).
 */
public final class LiveFanOut implements LiveEvents {
    private static final Set<String> TOPICS = Set.of(GRID_EVENT_REPORTED, GRID_EVENT_CHANGED, INCIDENT_REPORTED,
            REFERENCE_CHANGED);
    private final Sinks.Many<LiveEvent> sink = Sinks.many().multicast().directBestEffort();
    private final RecentIds recent;
    private final Counter received;
    private final Counter duplicates;

    LiveFanOut(int dedupeWindow, MeterRegistry meters) {
        this.recent = new RecentIds(dedupeWindow);
        this.received = meters.counter("shanzhi.live.events.received");
        this.duplicates = meters.counter("shanzhi.live.events.duplicates");
    }

    @Override
    public Flux<LiveEvent> on(String topic) {
        if (!TOPICS.contains(topic)) {
            throw new IllegalArgumentException("Unknown live topic " + topic + "; known: " + TOPICS);
        }
        return sink.asFlux().filter(event -> event.topic().equals(topic));
    }

    /**
     * Called by the one stream reader, so emissions are serialised; a failed emission (nobody
     * subscribed) just means nobody was listening.
     */
    void accept(LiveEvent event) {
        if (!recent.firstTime(event.department(), event.id())) {
            duplicates.increment();
            return;
        }
        received.increment();
        sink.tryEmitNext(event);
    }
}
