package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Reused prepared statements are planned with their parameters every time: a generic plan turns
 * the scope's cell_code bounds into a range scan of the whole scope for a handful of ids.
 */
class StatementPlanningTest extends ApiTestBase {

    @Autowired
    @Qualifier("peopleDatabase")
    DatabaseClient people;

    @Test
    void aByIdStatementRunManyTimesStillLooksUpItsIdsByPrimaryKey() {
        String sql = "EXPLAIN SELECT id, address, cell_code FROM household WHERE id = ANY(:ids) "
                + "AND cell_code >= :from AND cell_code < :to";
        List<String> plan = List.of();
        // Past PostgreSQL's five custom plans, after which it would consider a generic one.
        for (int run = 0; run < 8; run++) {
            plan = people.sql(sql).bind("ids", new Long[] {1L, 2L, 3L}).bind("from", "440513").bind("to", "440514")
                    .map(row -> row.get(0, String.class)).all().collectList().block(Duration.ofSeconds(10));
        }
        assertThat(String.join("\n", plan)).contains("household_pkey").doesNotContain("$1");
        assertThat(people.sql("SELECT current_setting('plan_cache_mode') AS mode").map(row -> row.get("mode", String.class))
                .one().block(Duration.ofSeconds(10))).isEqualTo("force_custom_plan");
    }
}
