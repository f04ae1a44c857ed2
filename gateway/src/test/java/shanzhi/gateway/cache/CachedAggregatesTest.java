package shanzhi.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.Department;

/**
 * Incident statistics and population counts are cached in the reference cache's tiers: a repeated
 * question sends no statement to the security or people store, a change made beside the gateway
 * (another system's SQL, a bulk load with the outbox switched off) reaches the answers through the
 * stores' announcements, and an entry is keyed by the part of the region the caller sees, so no
 * caller is ever given a figure of a wider scope. The expected figures come from fields that are
 * not cached (filtered counts) or from the rows the test itself wrote.
 */
class CachedAggregatesTest extends ApiTestBase {
    private static final String FIGURES = """
            query($r: ID!, $y: Int!) { region(code: $r) {
              population incidentStats(year: $y) { category count previousYearCount changePercent } } }""";
    /** The same figures counted by filtered (so uncached) counts. */
    private static final String FILTERED_COUNTS = """
            query($r: ID!, $from: Date!, $to: Date!, $prevFrom: Date!, $prevTo: Date!) { region(code: $r) {
              registered: residents(filter: { residency: REGISTERED }) { totalCount }
              floating: residents(filter: { residency: FLOATING }) { totalCount }
              criminal: incidents(category: CRIMINAL, from: $from, to: $to) { totalCount }
              criminalBefore: incidents(category: CRIMINAL, from: $prevFrom, to: $prevTo) { totalCount }
              publicOrder: incidents(category: PUBLIC_ORDER, from: $from, to: $to) { totalCount }
              traffic: incidents(category: TRAFFIC, from: $from, to: $to) { totalCount }
              assistance: incidents(category: ASSISTANCE, from: $from, to: $to) { totalCount } } }""";
    private static final String TOWN = "440513007";
    /** A year before the demo's incidents: what the test writes there is all there is. */
    private static final int EMPTY_YEAR = 1995;
    private static final Duration ANNOUNCED = Duration.ofSeconds(20);

    @Autowired
    TieredReferenceCache cache;

    /** The figures of a region as one caller sees them. */
    private record Figures(int population, List<Map<String, Object>> stats) {
        int count(String category) {
            return stats.stream().filter(row -> category.equals(row.get("category")))
                    .mapToInt(row -> ((Number) row.get("count")).intValue()).findFirst().orElseThrow();
        }
    }

    @BeforeEach
    void cold() {
        ColdCache.of(cache);
    }

    @Test
    void aRepeatedQuerySendsNoStatementToTheSecurityOrPeopleStore() {
        Figures[] answers = new Figures[3];
        Map<Department, Long> cold = statementsDuring(() -> answers[0] = figures(graphQl, TOWN, 2021));
        Map<Department, Long> warm = statementsDuring(() -> answers[1] = figures(graphQl, TOWN, 2021));
        // What another replica, or this one after its near entries expired, finds: only Redis.
        cache.clearNear();
        CacheMetrics.Counts beforeRedis = cache.counts();
        Map<Department, Long> fromRedis = statementsDuring(() -> answers[2] = figures(graphQl, TOWN, 2021));

        assertThat(cold.get(Department.SECURITY)).as("security statements, cold").isPositive();
        assertThat(cold.get(Department.PEOPLE)).as("people statements, cold").isPositive();
        assertThat(warm).as("statements of the repeated query").containsEntry(Department.SECURITY, 0L)
                .containsEntry(Department.PEOPLE, 0L);
        assertThat(fromRedis).as("statements with a warm Redis").containsEntry(Department.SECURITY, 0L)
                .containsEntry(Department.PEOPLE, 0L);
        assertThat(cache.counts().redisHits()).isGreaterThan(beforeRedis.redisHits());
        assertThat(answers[1]).isEqualTo(answers[0]);
        assertThat(answers[2]).as("decoded from Redis").isEqualTo(answers[0]);

        var counted = query(FILTERED_COUNTS, vars("r", TOWN, "from", "2021-01-01", "to", "2021-12-31",
                "prevFrom", "2020-01-01", "prevTo", "2020-12-31"));
        counted.errors().verify();
        assertThat(answers[0].population()).isPositive().isEqualTo(total(counted, "registered") + total(counted, "floating"));
        assertThat(answers[0].count("CRIMINAL")).isPositive().isEqualTo(total(counted, "criminal"));
        assertThat(answers[0].count("PUBLIC_ORDER")).isEqualTo(total(counted, "publicOrder"));
        assertThat(answers[0].count("TRAFFIC")).isEqualTo(total(counted, "traffic"));
        assertThat(answers[0].count("ASSISTANCE")).isEqualTo(total(counted, "assistance"));
        assertThat(answers[0].stats().get(0).get("previousYearCount")).isEqualTo(total(counted, "criminalBefore"));
    }

    @Test
    void aBulkLoadWithTheOutboxSwitchedOffStillReachesTheStatistics() throws SQLException {
        String village = TOWN + "003";
        String cell = firstCellOf(village);
        assertThat(figures(graphQl, village, EMPTY_YEAR).count("CRIMINAL")).isZero();
        assertThat(figures(graphQl, DISTRICT, EMPTY_YEAR).count("CRIMINAL")).isZero();
        assertThat(statementsDuring(() -> figures(graphQl, village, EMPTY_YEAR))).as("cached")
                .containsEntry(Department.SECURITY, 0L);
        String marker = "cached-aggregates-" + UUID.randomUUID();
        long invalidations = cache.counts().invalidations();
        copyIncidents(cell, marker, 3);
        try {
            Poll.until("the copied incidents are counted", ANNOUNCED,
                    () -> figures(graphQl, village, EMPTY_YEAR).count("CRIMINAL") == 3);
            assertThat(figures(graphQl, DISTRICT, EMPTY_YEAR).count("CRIMINAL")).isEqualTo(3);
            assertThat(figures(graphQl, village, EMPTY_YEAR + 1).stats().get(0))
                    .containsEntry("previousYearCount", 3).containsEntry("count", 0);
            assertThat(cache.counts().invalidations()).isGreaterThan(invalidations);
        } finally {
            execute(Department.SECURITY, "DELETE FROM incident WHERE summary = ?", marker);
        }
        Poll.until("the deleted incidents are no longer counted", ANNOUNCED,
                () -> figures(graphQl, village, EMPTY_YEAR).count("CRIMINAL") == 0);
    }

    @Test
    void aResidentMovedByAnotherSystemMovesThePopulation() throws SQLException {
        String from = TOWN + "001";
        String to = TOWN + "002";
        String target = firstCellOf(to);
        List<String> resident = row(Department.PEOPLE,
                "SELECT id::text, cell_code FROM person WHERE cell_code LIKE ? || '%' ORDER BY id LIMIT 1", from);
        int fromBefore = figures(graphQl, from, 2021).population();
        int toBefore = figures(graphQl, to, 2021).population();
        int townBefore = figures(graphQl, TOWN, 2021).population();
        execute(Department.PEOPLE, "UPDATE person SET cell_code = ? WHERE id = ?::bigint", target, resident.get(0));
        try {
            Poll.until("the moved resident is counted in the other village", ANNOUNCED,
                    () -> figures(graphQl, to, 2021).population() == toBefore + 1);
            assertThat(figures(graphQl, from, 2021).population()).isEqualTo(fromBefore - 1);
            assertThat(figures(graphQl, TOWN, 2021).population()).isEqualTo(townBefore);
        } finally {
            execute(Department.PEOPLE, "UPDATE person SET cell_code = ? WHERE id = ?::bigint", resident.get(1), resident.get(0));
        }
        Poll.until("the resident is back", ANNOUNCED, () -> figures(graphQl, from, 2021).population() == fromBefore);
    }

    @Test
    void callersOfDifferentScopesNeverShareAFigureOfTheWiderScope() {
        HttpGraphQlTester officer = as(List.of(Role.TOWN_OFFICER), TOWN, null);

        // The administrator fills the district's entries; the officer asking the district gets the town's.
        Figures district = figures(graphQl, DISTRICT, 2021);
        Figures officersDistrict = figures(officer, DISTRICT, 2021);
        Figures town = figures(graphQl, TOWN, 2021);
        assertThat(officersDistrict).isEqualTo(town);
        assertThat(district.population()).isGreaterThan(town.population());
        assertThat(district.count("CRIMINAL")).isGreaterThan(town.count("CRIMINAL"));

        // The other way round: the officer fills first, the administrator still gets the district's.
        ColdCache.of(cache);
        assertThat(figures(officer, DISTRICT, 2021)).isEqualTo(town);
        assertThat(figures(graphQl, DISTRICT, 2021)).isEqualTo(district);
        // The officer and the administrator asking for the town share one entry: the same figure.
        assertThat(statementsDuring(() -> assertThat(figures(graphQl, TOWN, 2021)).isEqualTo(town)))
                .containsEntry(Department.SECURITY, 0L).containsEntry(Department.PEOPLE, 0L);
    }

    @SuppressWarnings("unchecked")
    private static Figures figures(HttpGraphQlTester caller, String region, int year) {
        var response = caller.document(FIGURES).variables(Map.of("r", region, "y", year)).execute();
        response.errors().verify();
        int population = response.path("region.population").entity(Integer.class).get();
        List<Map<String, Object>> stats = new ArrayList<>();
        for (Object row : response.path("region.incidentStats").entityList(Map.class).get()) {
            stats.add(new LinkedHashMap<>((Map<String, Object>) row));
        }
        return new Figures(population, stats);
    }

    private static int total(GraphQlTester.Response response, String alias) {
        return response.path("region." + alias + ".totalCount").entity(Integer.class).get();
    }

    /** Incidents as a bulk load writes them: COPY in a session with the outbox switched off. */
    private static void copyIncidents(String cell, String marker, int count) throws SQLException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append("CRIMINAL,盗窃,").append(EMPTY_YEAR).append("-06-0").append(i + 1)
                    .append(" 12:00:00+08,CLOSED,").append(marker).append(',').append(cell).append('\n');
        }
        try (Connection c = connect(Department.SECURITY)) {
            c.setAutoCommit(false);
            c.createStatement().execute("SET LOCAL shanzhi.outbox = 'off'");
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY incident (category, subcategory, occurred_at, status, summary, cell_code) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(rows.toString()));
            assertThat(copied).isEqualTo(count);
            c.commit();
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    private static String firstCellOf(String region) throws SQLException {
        return row(Department.GRID, "SELECT min(code) FROM region WHERE level = 'CELL' AND code LIKE ? || '%'", region).get(0);
    }

    private static List<String> row(Department department, String sql, String parameter) throws SQLException {
        try (Connection c = connect(department); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a row of %s", sql).isTrue();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                assertThat(values).doesNotContainNull();
                return values;
            }
        }
    }

    private static void execute(Department department, String sql, String... parameters) throws SQLException {
        try (Connection c = connect(department); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            assertThat(s.executeUpdate()).as("rows changed by %s", sql).isPositive();
        }
    }

    private static Connection connect(Department department) throws SQLException {
        TestDatabases databases = TestDatabases.get();
        return DriverManager.getConnection(databases.jdbcUrl(department), databases.user(), databases.password());
    }
}
