package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The weight that bounds the caches keyed by a request's operation (shapes, plans). */
class OperationWeightTest {

    @Test
    void aLargeVariableWeighsAtLeastItsCharacters() {
        String large = "x".repeat(1 << 20);
        assertThat(OperationWeight.of(10, Map.of("note", large))).isGreaterThan(2 << 20);
    }

    @Test
    void valuesNestedInListsAndInputObjectsCount() {
        Map<String, Object> nested = Map.of("filter", Map.of("names", List.of("a".repeat(1000), "b".repeat(1000))));
        assertThat(OperationWeight.of(10, nested)).isGreaterThan(OperationWeight.of(10, Map.of()) + 4000);
    }

    @Test
    void aLongerDocumentWeighsMore() {
        assertThat(OperationWeight.of(100_000, Map.of())).isGreaterThan(OperationWeight.of(100, Map.of()) + 700_000);
    }

    @Test
    void nullVariablesAreWeighed() {
        java.util.HashMap<String, Object> variables = new java.util.HashMap<>();
        variables.put("after", null);
        assertThat(OperationWeight.of(0, variables)).isGreaterThan(OperationWeight.of(0, Map.of()));
    }
}
