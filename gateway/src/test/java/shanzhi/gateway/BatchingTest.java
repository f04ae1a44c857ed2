package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import shanzhi.gateway.cache.ColdCache;
import shanzhi.gateway.cache.TieredReferenceCache;

import shanzhi.gateway.sources.Department;

/**
 * The number of SQL statements a request sends to each store depends on the shape of the
 * query, never on the number of rows: every cross-store field and every child list under a
 * list goes through a batch loader.
 */
class BatchingTest extends ApiTestBase {
    private static final String VILLAGES_WITH_RESIDENTS = """
            query($town: ID, $villages: Int, $residents: Int) {
              regions(level: VILLAGE, under: $town, first: $villages) {
                edges { node {
                  code
                  residents(first: $residents) {
                    totalCount
                    edges { node {
                      id name
                      household { address }
                      cell { code }
                      gridWorkers { name }
                      disputes { id parties { name } }
                      incidents { id persons { name } }
                    } }
                  }
                } }
              }
            }""";

    /**
     * Per nesting level: regions (grid); residents page and count (people); household (people),
     * cell and grid workers (grid), disputes (legal), incidents (security); then parties and
     * involved persons (ids from legal and security, persons from people).
     */
    private static final Map<Department, Long> EXPECTED = Map.of(
            Department.GRID, 3L, Department.PEOPLE, 5L, Department.LEGAL, 2L, Department.SECURITY, 2L);

    @Autowired
    TieredReferenceCache referenceCache;

    /**
     * Counts with a cold reference cache, as they were before it existed: otherwise regions or
     * cells cached by an earlier test would make the counts depend on the order of the tests.
     */
    @BeforeEach
    void coldReferenceCache() {
        ColdCache.of(referenceCache);
    }

    @Test
    void statementsPerStoreDoNotGrowWithTheNumberOfResidents() {
        String town = "440513001";
        Map<Department, Long> small = statementsDuring(() -> residentsOfVillages(town, 1, 2));
        int[] rows = new int[1];
        Map<Department, Long> large = statementsDuring(() -> rows[0] = residentsOfVillages(town, 3, 100));

        assertThat(rows[0]).as("residents returned by the large query").isEqualTo(300);
        assertThat(large).isEqualTo(EXPECTED);
        // A small answer may skip a level (no disputes among two residents), never add one.
        small.forEach((store, count) -> assertThat(count).as(store.name()).isLessThanOrEqualTo(EXPECTED.get(store)));
    }

    @Test
    void aVillageOfTwoHundredResidentsCostsTheSameAsOneResident() {
        String village = query("{ regions(level: VILLAGE, first: 100) { edges { node { code population } } } }")
                .path("regions.edges[?(@.node.population >= 200)].node.code").entityList(String.class).get().get(0);
        String document = """
                query($village: ID!, $after: String) { people(under: $village, first: 100, after: $after) {
                  pageInfo { endCursor }
                  edges { node { id household { members { id } } cell { code } gridWorkers { name }
                    disputes { parties { id } } incidents { persons { id } } } } } }""";
        // people: page, households, members, dispute parties, incident persons; grid: cells, workers;
        // legal: disputes, party ids; security: incidents, person ids.
        Map<Department, Long> bound = Map.of(Department.PEOPLE, 5L, Department.GRID, 2L, Department.LEGAL, 2L,
                Department.SECURITY, 2L);
        Map<Department, Long> first = statementsDuring(() -> query(document, Map.of("village", village)).errors().verify());
        String cursor = query(document, Map.of("village", village)).path("people.pageInfo.endCursor").entity(String.class).get();
        Map<String, Object> second = new java.util.HashMap<>(Map.of("village", village, "after", cursor));
        Map<Department, Long> next = statementsDuring(() -> query(document, second).errors().verify());
        for (Map<Department, Long> page : List.of(first, next)) {
            page.forEach((store, count) -> assertThat(count).as(store.name()).isLessThanOrEqualTo(bound.get(store)));
        }
        assertThat(first.get(Department.PEOPLE)).isGreaterThanOrEqualTo(3);
    }

    private int residentsOfVillages(String town, int villages, int residents) {
        var response = query(VILLAGES_WITH_RESIDENTS, Map.of("town", town, "villages", villages, "residents", residents));
        response.errors().verify();
        List<String> ids = response.path("regions.edges[*].node.residents.edges[*].node.id").entityList(String.class).get();
        return ids.size();
    }
}
