package shanzhi.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Operation names from clients are hostile: the meters keep a bounded set of plain names. */
class OperationNamesTest {

    @Test
    void keepsPlainNamesUpToTheBoundThenSaysOther() {
        OperationNames names = new OperationNames(2);
        assertThat(names.tag("VillageDashboard")).isEqualTo("VillageDashboard");
        assertThat(names.tag("Residents")).isEqualTo("Residents");
        assertThat(names.tag("Invented1")).isEqualTo(OperationNames.OTHER);
        assertThat(names.tag("VillageDashboard")).as("a kept name stays").isEqualTo("VillageDashboard");
    }

    @Test
    void anonymousAndMalformedNames() {
        OperationNames names = new OperationNames(10);
        assertThat(names.tag(null)).isEqualTo(OperationNames.ANONYMOUS);
        assertThat(names.tag("")).isEqualTo(OperationNames.ANONYMOUS);
        assertThat(names.tag("a b\"}")).isEqualTo(OperationNames.OTHER);
        assertThat(names.tag("x".repeat(65))).isEqualTo(OperationNames.OTHER);
    }
}
