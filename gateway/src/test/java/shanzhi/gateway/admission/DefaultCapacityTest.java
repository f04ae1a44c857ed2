package shanzhi.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import shanzhi.gateway.sources.SourcesProperties;

/** Without shanzhi.admission.max-in-flight, the capacity follows the department pools. */
class DefaultCapacityTest {

    @Test
    void isTwiceTheDepartmentPoolsTogether() {
        SourcesProperties sources = new SourcesProperties();
        assertThat(AdmissionConfiguration.fromPools(sources)).as("four pools of 10").isEqualTo(80);

        sources.getPeople().getPool().setMaxSize(20);
        sources.getSecurity().getPool().setMaxSize(4);
        assertThat(AdmissionConfiguration.fromPools(sources)).isEqualTo(2 * (20 + 10 + 10 + 4));
    }

    @Test
    void aCapacityBelowOneIsRefusedAtStart() {
        assertThatThrownBy(() -> new InFlightSlots(0)).hasMessageContaining("shanzhi.admission.max-in-flight");
    }

    @Test
    void slotsAreTakenUpToTheCapacityAndAGivenBackSlotCountsOnce() {
        InFlightSlots slots = new InFlightSlots(2);
        InFlightSlots.Slot first = slots.tryTake();
        assertThat(slots.tryTake()).isNotNull();
        assertThat(slots.tryTake()).as("full").isNull();

        first.giveBack();
        first.giveBack();
        assertThat(slots.inFlight()).as("given back twice, counted once").isEqualTo(1);
        assertThat(slots.tryTake()).isNotNull();
        assertThat(slots.tryTake()).as("full again").isNull();
    }
}
