package shanzhi.gateway.live;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} (department, id) pairs seen, to drop a repeated delivery (the relay
 * publishes at least once). Not "highest id seen": outbox ids are taken at insert, not commit,
 * so a lower id may legitimately arrive after a higher one. Bounded, so memory does not grow.
 */
final class RecentIds {
    private final Map<Key, Boolean> seen;

    RecentIds(int capacity) {
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time a pair is offered (within the window), false for a repeat. */
    synchronized boolean firstTime(String department, long id) {
        return seen.put(new Key(department, id), Boolean.TRUE) == null;
    }

    private record Key(String department, long id) {
    }
}
