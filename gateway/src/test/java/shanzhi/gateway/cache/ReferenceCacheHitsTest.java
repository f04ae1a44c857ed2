package shanzhi.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.sources.Department;

/**
 * Reference data is read from a store once, then from the near-cache or Redis: a repeated query
 * sends no statement for its reference parts, counted by the gateway's StatementCounter.
 */
class ReferenceCacheHitsTest extends ApiTestBase {
    /** Only reference data: the region tree, offices, stations, rooms, advisers and their villages. */
    static final String TOWN_REFERENCE = """
            query($town: ID!) { region(code: $town) {
              code name parent { name }
              judicialOffice { name town { code } }
              policeStation { name rooms { name village { code } station { name } } }
              children { code name
                policeRoom { name station { name } }
                legalAdviser { name lawFirm villages { code name } }
                children { code name }
              }
            } }""";
    static final String TOWN = "440513002";

    @Autowired
    TieredReferenceCache cache;

    @BeforeEach
    void cold() {
        ColdCache.of(cache);
    }

    @Test
    void aRepeatedQuerySendsNoStatementForReferenceData() {
        Object[] first = new Object[1];
        Map<Department, Long> cold = statementsDuring(() -> first[0] = answer());
        CacheMetrics.Counts before = cache.counts();
        Object[] second = new Object[1];
        Map<Department, Long> warm = statementsDuring(() -> second[0] = answer());

        assertThat(cold.get(Department.GRID)).as("grid statements, cold").isPositive();
        assertThat(cold.get(Department.SECURITY)).as("security statements, cold").isPositive();
        assertThat(cold.get(Department.LEGAL)).as("legal statements, cold").isPositive();
        assertThat(warm).as("statements of the repeated query").containsOnly(
                Map.entry(Department.GRID, 0L), Map.entry(Department.SECURITY, 0L),
                Map.entry(Department.LEGAL, 0L), Map.entry(Department.PEOPLE, 0L));
        assertThat(second[0]).isEqualTo(first[0]);
        assertThat(cache.counts().nearHits()).isGreaterThan(before.nearHits());
        assertThat(cache.counts().misses()).isEqualTo(before.misses());
    }

    @Test
    void anotherReplicaWithAnEmptyNearCacheIsServedFromRedis() {
        Object first = answer();
        // What another replica (or this one after its near entries expired) finds: only Redis.
        cache.clearNear();
        CacheMetrics.Counts before = cache.counts();
        Object[] fromRedis = new Object[1];
        Map<Department, Long> sent = statementsDuring(() -> fromRedis[0] = answer());

        assertThat(sent.values()).as("statements with a warm Redis").containsOnly(0L);
        assertThat(fromRedis[0]).isEqualTo(first);
        assertThat(cache.counts().redisHits()).isGreaterThan(before.redisHits());
        assertThat(cache.counts().misses()).isEqualTo(before.misses());
    }

    private Object answer() {
        var response = query(TOWN_REFERENCE, Map.of("town", TOWN));
        response.errors().verify();
        Map<?, ?> region = response.path("region").entity(Map.class).get();
        assertThat((java.util.List<?>) region.get("children")).isNotEmpty();
        return region;
    }
}
