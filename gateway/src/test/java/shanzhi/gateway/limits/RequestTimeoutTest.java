package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.sources.Department;

/**
 * A request that runs longer than shanzhi.limits.request-timeout is answered with REQUEST_TIMEOUT
 * and its execution is cancelled: the levels of the query below the point where time ran out are
 * never fetched. The limit is 1 ms here (its own application context), which no request that
 * reaches a store can meet; that requests within the limit are answered is what every other API
 * test shows under the default of 10 s.
 */
@TestPropertySource(properties = "shanzhi.limits.request-timeout=1ms")
// Its own context: closed after the class so its pools do not stay open for the rest of the run.
@DirtiesContext
class RequestTimeoutTest extends ApiTestBase {
    /** Five levels of batch loads over all four stores; answered in full it sends 12 statements. */
    private static final String DASHBOARD = """
            query($town: ID) { regions(level: VILLAGE, under: $town, first: 3) { edges { node { code
              residents(first: 100) { totalCount edges { node { id name household { address } cell { code }
                gridWorkers { name } disputes { id parties { name } } incidents { id persons { name } } } } }
            } } } }""";

    @Test
    void aRequestOverTheTimeLimitIsAnsweredWithRequestTimeoutAndCancelled() {
        Map<Department, Long> statements = statementsDuring(() -> {
            query(DASHBOARD, Map.of("town", "440513001")).errors().satisfy(errors -> {
                assertThat(errors).as("errors").hasSize(1);
                var error = errors.get(0);
                assertThat(error.getExtensions()).containsEntry("code", "REQUEST_TIMEOUT")
                        .containsEntry("limit", "shanzhi.limits.request-timeout").containsEntry("maximum", 1);
                assertThat(error.getMessage()).contains("Request time").contains("limit of 1 ms")
                        .contains("shanzhi.limits.request-timeout").contains("cancelled");
            });
            // Long enough for the whole query to have finished, had it not been cancelled.
            sleep(3000);
        });
        long sent = statements.values().stream().mapToLong(Long::longValue).sum();
        assertThat(sent).as("statements of a cancelled request (all of it sends 12)").isLessThan(12);
        assertThat(statements.get(Department.LEGAL) + statements.get(Department.SECURITY))
                .as("statements of the deepest levels (disputes, incidents, parties, persons)").isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
