package shanzhi.gateway.cache;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something asynchronous, with a generous deadline (never a fixed sleep as the assertion). */
final class Poll {
    private Poll() {
    }

    static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + deadline + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting: " + what, e);
            }
        }
    }
}
