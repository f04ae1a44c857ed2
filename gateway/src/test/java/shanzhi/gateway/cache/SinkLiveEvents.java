package shanzhi.gateway.cache;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import reactor.core.publisher.Sinks;
import shanzhi.api.LiveEvent;
import shanzhi.api.LiveEvents;

/**
 * A real in-process event source standing in for the outbox relay's Redis fan-out: every gateway
 * instance started with this class as an extra source subscribes to the same sink, so one
 * {@link #publish} reaches all of them, as the fan-out delivers to every replica. Not a component
 * (the application's scan must not pick it up); {@code @Primary} so that it wins over the relay's
 * bean once that exists.
 */
public class SinkLiveEvents {
    private static final Sinks.Many<LiveEvent> SINK = Sinks.many().multicast().directBestEffort();

    @Bean
    @Primary
    LiveEvents testLiveEvents() {
        return topic -> SINK.asFlux().filter(event -> event.topic().equals(topic));
    }

    /** What a store's reference trigger announces for {@code table}, delivered to every instance. */
    public static void referenceChanged(String department, long outboxId, String table) {
        Sinks.EmitResult result = SINK.tryEmitNext(new LiveEvent(department, outboxId, LiveEvents.REFERENCE_CHANGED, null,
                Map.of("table", table)));
        if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            throw new IllegalStateException("Could not publish the test event: " + result);
        }
    }

}
