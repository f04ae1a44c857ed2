package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.springframework.graphql.test.tester.GraphQlTester;

import shanzhi.gateway.sources.Department;

/** Assertions shared by the limit specifications. */
final class Refusals {
    private Refusals() {
    }

    /**
     * The response is exactly one error for {@code limit}, without a path, whose message names the
     * measure's value, the limit and its property, and whose extensions carry them.
     */
    static void assertRefused(GraphQlTester.Response response, Limit limit, long measured, long maximum) {
        response.errors().satisfy(errors -> {
            assertThat(errors).as("errors").hasSize(1);
            var error = errors.get(0);
            assertThat(error.getExtensions()).as("extensions of %s", error)
                    .containsEntry("code", limit.code())
                    .containsEntry("limit", limit.property())
                    .containsEntry("measured", (int) measured)
                    .containsEntry("maximum", (int) maximum);
            assertThat(error.getMessage()).as("message")
                    .contains(" " + measured).contains("limit of " + maximum).contains(limit.property());
            assertThat(error.getPath()).as("path").isEmpty();
        });
    }

    /** Not one statement reached any store. */
    static void assertNoStatements(Map<Department, Long> statements) {
        assertThat(statements).as("statements per store").hasSize(Department.values().length)
                .allSatisfy((store, count) -> assertThat(count).as(store.name()).isZero());
    }

    static void assertAnswered(GraphQlTester.Response response, Map<Department, Long> statements) {
        response.errors().verify();
        assertThat(statements.values().stream().mapToLong(Long::longValue).sum()).as("statements sent").isPositive();
    }
}
