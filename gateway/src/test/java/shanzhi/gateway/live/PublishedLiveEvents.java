package shanzhi.gateway.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import shanzhi.api.LiveEvent;
import shanzhi.api.LiveEvents;

/**
 * An in-process source of live events that the tests publish to, in place of the outbox relay
 * until that is merged (then the relay's bean replaces it: see TestLiveEvents). Hot, like the
 * relay's: a subscriber sees what is published after it subscribed.
 */
public final class PublishedLiveEvents implements LiveEvents {
    private final Sinks.Many<LiveEvent> sink = Sinks.many().multicast().directBestEffort();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public Flux<LiveEvent> on(String topic) {
        return sink.asFlux().filter(event -> event.topic().equals(topic));
    }

    /** Hands {@code payload} to every current subscriber of {@code topic}, as the relay would. */
    public void publish(String department, String topic, String cellCode, java.util.Map<String, Object> payload) {
        sink.emitNext(new LiveEvent(department, ids.incrementAndGet(), topic, cellCode, payload),
                Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5)));
    }

    /** Subscriptions currently reading the source (all topics): a test waits for its own to arrive. */
    public int subscribers() {
        return sink.currentSubscriberCount();
    }
}
