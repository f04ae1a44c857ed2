package shanzhi.api;

import java.util.Map;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import reactor.core.publisher.Flux;

/** Turns a feed's events into a department's row records. */
public final class LiveRows {
    private static final Log log = LogFactory.getLog(LiveRows.class);

    private LiveRows() {
    }

    /**
     * A payload that does not map (a column missing or of another type) is a defect of the
     * writer, not of the subscriber: it is logged and skipped, and the subscription goes on, so
     * one bad row cannot end every open subscription of its topic on every replica.
     */
    public static <T> Flux<T> of(Flux<LiveEvent> events, Function<Map<String, Object>, T> mapper) {
        return events.handle((event, sink) -> {
            T row;
            try {
                row = mapper.apply(event.payload());
            } catch (RuntimeException malformed) {
                log.warn("Skipped live event " + event.department() + " #" + event.id() + " of topic "
                        + event.topic() + ": " + malformed);
                return;
            }
            sink.next(row);
        });
    }
}
