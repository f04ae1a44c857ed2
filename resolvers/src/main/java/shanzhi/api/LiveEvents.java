package shanzhi.api;

import reactor.core.publisher.Flux;

/**
 * Committed changes as they reach this replica, whichever replica or system committed them.
 * The flux is hot: a subscriber sees the events relayed after it subscribed. It never applies
 * the caller's scope: subscribers check every event against the caller's rights themselves.
 */
public interface LiveEvents {
    String GRID_EVENT_REPORTED = "grid_event.reported";
    String GRID_EVENT_CHANGED = "grid_event.changed";
    String INCIDENT_REPORTED = "incident.reported";
    /** Reference data (regions, stations, rooms, offices, advisers) changed; payload names the table. */
    String REFERENCE_CHANGED = "reference.changed";

    Flux<LiveEvent> on(String topic);
}
