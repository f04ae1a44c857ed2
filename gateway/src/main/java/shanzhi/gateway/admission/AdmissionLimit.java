package shanzhi.gateway.admission;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;

/**
 * How many requests may be in flight now. Taking a slot never waits: either one is free or the
 * request is refused; a queue here would be the 17-second wait admission control removes.
 * <p>
 * Adaptive (the default): Netflix's VegasLimit watches each request's latency against the
 * lowest it has seen. While requests come back about as fast as with nothing queued, the limit
 * grows; once they queue (latency grows with the number in flight: CPU, pools or stores are
 * saturated) it shrinks. So the replica admits what it can serve at its unloaded latency, whatever
 * the machine, the operations or the data, between {@code min} and {@code max}. A fixed limit
 * (shanzhi.admission.max-in-flight) admits exactly that many.
 */
final class AdmissionLimit {
    private final SimpleLimiter<Void> limiter;
    private final Limit limit;

    private AdmissionLimit(Limit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.limiter = SimpleLimiter.newBuilder().named("shanzhi-admission").limit(limit).nanoClock(nanoClock).build();
    }

    static AdmissionLimit fixed(int capacity) {
        if (capacity < 1) {
            throw new IllegalStateException("shanzhi.admission.max-in-flight must be at least 1, got " + capacity);
        }
        return new AdmissionLimit(FixedLimit.of(capacity), System::nanoTime);
    }

    static AdmissionLimit adaptive(int min, int max) {
        return adaptive(min, max, System::nanoTime);
    }

    /** As {@link #adaptive(int, int)}, latencies measured on {@code nanoClock}. */
    static AdmissionLimit adaptive(int min, int max, LongSupplier nanoClock) {
        if (min < 1 || max < min) {
            throw new IllegalStateException("shanzhi.admission.adaptive needs 1 <= min-in-flight <= max, got min "
                    + min + " and max " + max);
        }
        int initial = Math.max(min, Math.min(max, 2 * min));
        // Vegas estimates the queue as limit x (1 - unloaded latency / latency). Its defaults
        // (3 and 6 x log10 of the limit) call a latency a few milliseconds above the unloaded one a
        // queue, which on a CPU-bound replica is every latency beyond one request per core; here the
        // limit grows while latency is under twice the unloaded one and shrinks beyond four times.
        VegasLimit vegas = VegasLimit.newBuilder().initialLimit(initial).maxConcurrency(max)
                .alphaFunction(limit -> Math.max(1, limit / 2))
                .betaFunction(limit -> Math.max(2, 3 * limit / 4))
                .build();
        return new AdmissionLimit(new AtLeast(vegas, min), nanoClock);
    }

    /** A slot, or null when as many requests as the limit allows are in flight. */
    Slot tryTake() {
        Optional<Limiter.Listener> listener = limiter.acquire(null);
        return listener.map(Slot::new).orElse(null);
    }

    int inFlight() {
        return limiter.getInflight();
    }

    /** The limit now (fixed, or where the adaptive limit stands). */
    int capacity() {
        return limit.getLimit();
    }

    /**
     * One admitted request's slot. Ended once however the request ends, even if more than one end
     * signal reaches it: a slot given back twice would let the replica admit more than its limit
     * for the rest of its life.
     */
    static final class Slot {
        private final Limiter.Listener listener;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Slot(Limiter.Listener listener) {
            this.listener = listener;
        }

        /** Answered: its latency is a sample for the adaptive limit. */
        void answered() {
            if (ended.compareAndSet(false, true)) {
                listener.onSuccess();
            }
        }

        /** Cancelled or failed before an answer: given back, its latency says nothing about load. */
        void abandoned() {
            if (ended.compareAndSet(false, true)) {
                listener.onIgnore();
            }
        }
    }

    /** The adaptive limit, never below {@code min}: a replica that refuses almost everything after a slow minute helps no one. */
    private record AtLeast(Limit limit, int min) implements Limit {
        @Override
        public int getLimit() {
            return Math.max(min, limit.getLimit());
        }

        @Override
        public void notifyOnChange(java.util.function.Consumer<Integer> consumer) {
            limit.notifyOnChange(value -> consumer.accept(Math.max(min, value)));
        }

        @Override
        public void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
            limit.onSample(startTime, rtt, inflight, didDrop);
        }
    }
}
