package shanzhi.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import shanzhi.api.Role;
import shanzhi.api.Scope;
import shanzhi.api.ScopeSql;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GridWorkers;
import shanzhi.gateway.sources.Department;

/**
 * The reference cache holds unscoped rows shared by every caller, so the scope filter applied
 * after it is the security boundary: an administrator fills the cache, and a grid worker asking
 * the same questions gets only what their scope sees, served from that warm cache (no statement).
 * The Java rule is the SQL rule: both are evaluated over every region and room of the district.
 */
class ScopeThroughWarmCacheTest extends ApiTestBase {
    private static final String TOWN = "440513003";
    private static final String OTHER_VILLAGE_CARD = """
            query($village: ID!) { region(code: $village) { code name policeRoom { name } legalAdviser { name } children { code } } }""";
    private static final String TOWN_LISTS = """
            query($town: ID!) { region(code: $town) { children { code } policeStation { rooms { name village { code } } } } }""";
    private static final String OWN_VILLAGE_LISTS = """
            query($village: ID!) { region(code: $village) { legalAdviser { villages { code } } children { code } } }""";

    @Autowired
    TieredReferenceCache cache;

    @Autowired
    @Qualifier("gridDatabase")
    DatabaseClient grid;

    @Autowired
    @Qualifier("securityDatabase")
    DatabaseClient security;

    /** A village whose adviser serves other villages too, one of its grids, and another village of the town. */
    private record Fixture(String village, String grid, String otherVillage) {
    }

    private Fixture fixture;

    @BeforeEach
    void fixture() {
        ColdCache.of(cache);
        var response = query("query($town: ID!) { region(code: $town) { children { code children { code } "
                + "policeRoom { name } legalAdviser { villages { code } } } } }", Map.of("town", TOWN));
        response.errors().verify();
        List<Map<String, Object>> villages = response.path("region.children").entityList(mapType()).get();
        Map<String, Object> own = villages.stream()
                .filter(v -> v.get("legalAdviser") != null && villages((Map<?, ?>) v.get("legalAdviser")).size() > 1)
                .filter(v -> !((List<?>) v.get("children")).isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no village in " + TOWN + " whose adviser serves several villages"));
        Map<String, Object> other = villages.stream()
                .filter(v -> !v.get("code").equals(own.get("code")) && v.get("policeRoom") != null && v.get("legalAdviser") != null)
                .findFirst().orElseThrow();
        String grid = (String) ((Map<?, ?>) ((List<?>) own.get("children")).get(0)).get("code");
        fixture = new Fixture((String) own.get("code"), grid, (String) other.get("code"));
        ColdCache.of(cache);
    }

    @Test
    void aGridWorkerGetsNothingOutsideTheirScopeFromACacheAnAdministratorFilled() {
        // The administrator's answers fill the cache with every row of these lists.
        var adminCard = query(OTHER_VILLAGE_CARD, Map.of("village", fixture.otherVillage()));
        adminCard.errors().verify();
        adminCard.path("region.policeRoom.name").hasValue().path("region.legalAdviser.name").hasValue();
        var adminTown = query(TOWN_LISTS, Map.of("town", TOWN));
        adminTown.errors().verify();
        List<String> allVillages = adminTown.path("region.children[*].code").entityList(String.class).get();
        List<Map<String, Object>> allRooms = adminTown.path("region.policeStation.rooms").entityList(mapType()).get();
        var adminOwn = query(OWN_VILLAGE_LISTS, Map.of("village", fixture.village()));
        adminOwn.errors().verify();
        List<String> adviserVillages = adminOwn.path("region.legalAdviser.villages[*].code").entityList(String.class).get();
        List<String> grids = adminOwn.path("region.children[*].code").entityList(String.class).get();
        assertThat(allVillages).hasSizeGreaterThan(1);
        assertThat(adviserVillages).hasSizeGreaterThan(1);
        assertThat(grids).contains(fixture.grid());

        HttpGraphQlTester worker = as(List.of(Role.GRID_WORKER), fixture.grid(), GridWorkers.of(fixture.grid()));
        // The token's check that its worker serves the grid asks the grid store once (then it is
        // remembered): done before counting, since it is the token's cost, not the data's.
        worker.document("{ __typename }").execute().errors().verify();
        Map<Department, Long> sent = statementsDuring(() -> {
            var card = worker.document(OTHER_VILLAGE_CARD).variables(Map.of("village", fixture.otherVillage())).execute();
            card.errors().verify();
            card.path("region").valueIsNull();

            var town = worker.document(TOWN_LISTS).variables(Map.of("town", TOWN)).execute();
            town.errors().verify();
            town.path("region.children[*].code").entityList(String.class).containsExactly(fixture.village());
            List<String> roomVillages = allRooms.stream().map(room -> (Map<?, ?>) room.get("village"))
                    .filter(Objects::nonNull).map(village -> (String) village.get("code"))
                    .filter(fixture.village()::equals).toList();
            town.path("region.policeStation.rooms[*].village.code").entityList(String.class).isEqualTo(roomVillages);
            assertThat(allRooms).hasSizeGreaterThan(roomVillages.size());

            var own = worker.document(OWN_VILLAGE_LISTS).variables(Map.of("village", fixture.village())).execute();
            own.errors().verify();
            own.path("region.legalAdviser.villages[*].code").entityList(String.class).containsExactly(fixture.village());
            own.path("region.children[*].code").entityList(String.class).containsExactly(fixture.grid());
        });
        assertThat(sent).as("the worker was served from the cache the administrator filled").containsOnly(
                Map.entry(Department.GRID, 0L), Map.entry(Department.SECURITY, 0L),
                Map.entry(Department.LEGAL, 0L), Map.entry(Department.PEOPLE, 0L));
    }

    @Test
    void theJavaScopeRuleAgreesWithTheSqlRuleOnEveryRegionAndRoom() {
        List<String> regions = grid.sql("SELECT code FROM region").map(row -> row.get("code", String.class)).all().collectList().block();
        String cell = grid.sql("SELECT min(code) AS code FROM region WHERE level = 'CELL' AND code LIKE :grid || '%'")
                .bind("grid", fixture.grid()).map(row -> row.get("code", String.class)).one().block();
        List<String> scopes = List.of(DISTRICT, TOWN, "440513008", fixture.village(), fixture.otherVillage(), fixture.grid(), cell);
        for (String region : scopes) {
            Scope scope = new Scope(region);
            List<String> bySql = ScopeSql.bind(grid.sql("SELECT code FROM region WHERE true" + ScopeSql.sees("code")), scope)
                    .map(row -> row.get("code", String.class)).all().collectList().block();
            assertThat(bySql).as("regions seen from %s", region)
                    .containsExactlyInAnyOrderElementsOf(regions.stream().filter(scope::sees).toList())
                    .isNotEmpty();
            List<Long> roomsBySql = ScopeSql.bind(security.sql("SELECT id FROM police_room WHERE true" + ScopeSql.sees("village_code")), scope)
                    .map(row -> row.get("id", Long.class)).all().collectList().block();
            List<Long> roomsByJava = security.sql("SELECT id, village_code FROM police_room")
                    .map(row -> Map.entry(row.get("id", Long.class), Objects.toString(row.get("village_code", String.class), "")))
                    .all().filter(room -> !room.getValue().isEmpty() && scope.sees(room.getValue()))
                    .map(Map.Entry::getKey).collectList().block();
            assertThat(roomsBySql).as("rooms seen from %s", region).containsExactlyInAnyOrderElementsOf(roomsByJava);
        }
    }

    private static List<?> villages(Map<?, ?> adviser) {
        return (List<?>) adviser.get("villages");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }
}
