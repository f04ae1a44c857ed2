package shanzhi.gateway.admission;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of slots for requests in flight. Taking one never waits: either a slot is free
 * now or the request is refused; a queue here would be the 17-second wait admission control is
 * there to remove.
 */
final class InFlightSlots {
    private final int capacity;
    private final AtomicInteger taken = new AtomicInteger();

    InFlightSlots(int capacity) {
        if (capacity < 1) {
            throw new IllegalStateException("shanzhi.admission.max-in-flight must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** A slot, or null when all are taken. */
    Slot tryTake() {
        while (true) {
            int now = taken.get();
            if (now >= capacity) {
                return null;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return new Slot();
            }
        }
    }

    int inFlight() {
        return taken.get();
    }

    int capacity() {
        return capacity;
    }

    /**
     * One admitted request's slot. Given back once however the request ends, even if more than
     * one end signal reaches it: a slot given back twice would let the replica admit more than
     * its capacity for the rest of its life.
     */
    final class Slot {
        private final AtomicBoolean given = new AtomicBoolean();

        void giveBack() {
            if (given.compareAndSet(false, true)) {
                taken.decrementAndGet();
            }
        }
    }
}
