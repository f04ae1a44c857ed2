package shanzhi.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import shanzhi.gateway.sources.SourcesProperties;

/**
 * The admission limit: fixed when configured, else adaptive between a floor and a ceiling that
 * follows the department pools, growing while requests come back at their unloaded latency and
 * shrinking once they queue.
 */
class AdmissionLimitTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void theAdaptiveCeilingIsTwiceTheDepartmentPoolsTogether() {
        SourcesProperties sources = new SourcesProperties();
        assertThat(AdmissionConfiguration.fromPools(sources)).as("four pools of 10").isEqualTo(80);

        sources.getPeople().getPool().setMaxSize(20);
        sources.getSecurity().getPool().setMaxSize(4);
        assertThat(AdmissionConfiguration.fromPools(sources)).isEqualTo(2 * (20 + 10 + 10 + 4));
    }

    @Test
    void limitsThatCannotAdmitAnythingAreRefusedAtStart() {
        assertThatThrownBy(() -> AdmissionLimit.fixed(0)).hasMessageContaining("shanzhi.admission.max-in-flight");
        assertThatThrownBy(() -> AdmissionLimit.adaptive(0, 10)).hasMessageContaining("min-in-flight");
        assertThatThrownBy(() -> AdmissionLimit.adaptive(8, 4)).hasMessageContaining("min-in-flight");
    }

    @Test
    void aFixedLimitTakesSlotsUpToItsCapacityAndASlotEndedTwiceCountsOnce() {
        AdmissionLimit limit = AdmissionLimit.fixed(2);
        AdmissionLimit.Slot first = limit.tryTake();
        assertThat(limit.tryTake()).isNotNull();
        assertThat(limit.tryTake()).as("full").isNull();

        first.answered();
        first.abandoned();
        assertThat(limit.inFlight()).as("ended twice, counted once").isEqualTo(1);
        assertThat(limit.tryTake()).isNotNull();
        assertThat(limit.tryTake()).as("full again").isNull();
    }

    @Test
    void whileRequestsComeBackAtTheirUnloadedLatencyTheAdaptiveLimitGrowsUpToItsCeiling() {
        AdmissionLimit limit = AdmissionLimit.adaptive(4, 40, now::get);
        int start = limit.capacity();
        for (int round = 0; round < 200; round++) {
            answerAll(takeAll(limit), 5);
        }
        assertThat(limit.capacity()).isGreaterThan(start).isLessThanOrEqualTo(40);
    }

    @Test
    void onceRequestsQueueTheAdaptiveLimitShrinksButNeverBelowItsFloor() {
        AdmissionLimit limit = AdmissionLimit.adaptive(4, 80, now::get);
        for (int round = 0; round < 200; round++) {
            answerAll(takeAll(limit), 5);
        }
        int grown = limit.capacity();
        // Saturated: the replica serves one request per 5 ms, in order, so each waits for those
        // admitted before it.
        for (int round = 0; round < 200; round++) {
            for (AdmissionLimit.Slot slot : takeAll(limit)) {
                answerAll(List.of(slot), 5);
            }
        }
        assertThat(limit.capacity()).isLessThan(grown).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aCancelledRequestGivesItsSlotBackWithoutTeachingTheLimitAnything() {
        AdmissionLimit limit = AdmissionLimit.adaptive(4, 80, now::get);
        int start = limit.capacity();
        for (int round = 0; round < 200; round++) {
            List<AdmissionLimit.Slot> slots = takeAll(limit);
            now.addAndGet(1_000_000_000L);
            slots.forEach(AdmissionLimit.Slot::abandoned);
        }
        assertThat(limit.capacity()).isEqualTo(start);
        assertThat(limit.inFlight()).isZero();
    }

    private static List<AdmissionLimit.Slot> takeAll(AdmissionLimit limit) {
        List<AdmissionLimit.Slot> slots = new ArrayList<>();
        for (AdmissionLimit.Slot slot = limit.tryTake(); slot != null; slot = limit.tryTake()) {
            slots.add(slot);
        }
        return slots;
    }

    private void answerAll(List<AdmissionLimit.Slot> slots, long millis) {
        now.addAndGet(millis * 1_000_000L);
        slots.forEach(AdmissionLimit.Slot::answered);
    }
}
