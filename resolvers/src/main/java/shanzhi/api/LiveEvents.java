package shanzhi.api;

import reactor.core.publisher.Flux;

/**
 * Committed changes as they reach this replica, whichever replica or system committed them.
 * The flux is hot: a subscriber sees the events relayed after it subscribed. It never applies
 * the caller's scope: subscribers check every event against the caller's rights themselves.
 *
 * <p>Delivery: at least once from the store to Redis, once per replica from there (repeats are
 * dropped by department and id within a window of recent ids). The flux never waits for a slow
 * subscriber: events are handed over as they are read from Redis, on the reader's thread, and a
 * subscriber with no outstanding demand misses them. A consumer that cannot keep pace must
 * therefore put its own <b>bounded</b> buffer in front of its work (e.g.
 * {@code onBackpressureBuffer(n, dropped -> ..., BufferOverflowStrategy.DROP_OLDEST)}) and must
 * not block in its operators. Events committed while this replica's reader was away from Redis
 * arrive late but arrive, as long as the stream (shanzhi.live.stream-max-length) still holds them.
 */
public interface LiveEvents {
    String GRID_EVENT_REPORTED = "grid_event.reported";
    String GRID_EVENT_CHANGED = "grid_event.changed";
    String INCIDENT_REPORTED = "incident.reported";
    /** Reference data (regions, stations, rooms, offices, advisers) changed; payload names the table. */
    String REFERENCE_CHANGED = "reference.changed";

    Flux<LiveEvent> on(String topic);
}
