package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The published figures of Chaoyang come back from the API over the demo district. */
class DemoDistrictApiTest extends ApiTestBase {

    @Test
    void theRegionTreeHasTheDistrictsPublishedShape() {
        for (var level : Map.of("DISTRICT", 1, "TOWN", 13, "VILLAGE", 273, "GRID", 1276).entrySet()) {
            query("query($level: RegionLevel!) { regions(level: $level) { totalCount } }", Map.of("level", level.getKey()))
                    .path("regions.totalCount").entity(Integer.class).isEqualTo(level.getValue());
        }
        int cells = query("{ regions(level: CELL) { totalCount } }").path("regions.totalCount").entity(Integer.class).get();
        assertThat(cells).isBetween(26_000, 28_000);
    }

    @Test
    void theThirteenTownsAreNamedAsInThePilotReport() {
        query("{ region(code: \"440513\") { name level children { name level } } }")
                .path("region.name").entity(String.class).isEqualTo("潮阳区")
                .path("region.children[*].name").entityList(String.class).containsExactly(
                        "文光街道", "城南街道", "金浦街道", "棉北街道", "和平镇", "海门镇", "谷饶镇", "贵屿镇", "铜盂镇",
                        "河溪镇", "西胪镇", "关埠镇", "金灶镇");
    }

    @Test
    void criminalIncidentsFellByTwentyOnePointNinePercentAndPublicOrderBySixteen() {
        var stats = query("{ region(code: \"440513\") { incidentStats(year: 2021) { category count previousYearCount changePercent } } }");
        stats.path("region.incidentStats[*].category").entityList(String.class)
                .containsExactly("CRIMINAL", "PUBLIC_ORDER", "TRAFFIC", "ASSISTANCE");
        stats.path("region.incidentStats[0].changePercent").entity(Double.class).isEqualTo(-21.9);
        stats.path("region.incidentStats[1].changePercent").entity(Double.class).isEqualTo(-16.0);
    }

    @Test
    void twoRobberiesIn2021AreMoreThanEightyPercentBelowTheirPeak() {
        Map<Integer, Integer> twoRobberies = new java.util.TreeMap<>();
        for (int year = 2016; year <= 2021; year++) {
            String from = year + "-01-01";
            String to = year + "-12-31";
            int count = 0;
            // ROBBERY and SNATCHING are subcategories of CRIMINAL; page through the year's criminal incidents.
            String after = null;
            do {
                var page = query("query($from: Date, $to: Date, $after: String) { region(code: \"440513\") { "
                                + "incidents(category: CRIMINAL, from: $from, to: $to, first: 100, after: $after) { "
                                + "pageInfo { hasNextPage endCursor } edges { node { subcategory } } } } }",
                        variables(from, to, after));
                List<String> subcategories = page.path("region.incidents.edges[*].node.subcategory").entityList(String.class).get();
                count += (int) subcategories.stream().filter(s -> s.equals("ROBBERY") || s.equals("SNATCHING")).count();
                boolean more = page.path("region.incidents.pageInfo.hasNextPage").entity(Boolean.class).get();
                after = more ? page.path("region.incidents.pageInfo.endCursor").entity(String.class).get() : null;
            } while (after != null);
            twoRobberies.put(year, count);
        }
        int peak = twoRobberies.values().stream().max(Integer::compare).orElseThrow();
        assertThat(twoRobberies.get(2021)).isLessThan(peak / 5);
    }

    @Test
    void theNamedPlacesExist() {
        assertThat(villageNames("440513013")).contains("桥陈村");
        assertThat(villageNames("440513011")).contains("泉塘村");
        query("{ region(code: \"440513006\") { name judicialOffice { name town { name } } } }")
                .path("region.judicialOffice.name").entity(String.class).isEqualTo("海门司法所")
                .path("region.judicialOffice.town.name").entity(String.class).isEqualTo("海门镇");
        query("{ region(code: \"440513005\") { policeStation { name rooms { name village { name } } } } }")
                .path("region.policeStation.name").entity(String.class).isEqualTo("和平派出所")
                .path("region.policeStation.rooms[*].name").entityList(String.class).contains("下寨社区警务室");
    }

    @Test
    void everyVillageHasOneLegalAdviser() {
        query("{ regions(level: VILLAGE, under: \"440513013\", first: 100) { edges { node { name legalAdviser { name lawFirm villages { code } } } } } }")
                .path("regions.edges[*].node.legalAdviser.name").entityList(String.class)
                .satisfies(names -> assertThat(names).doesNotContainNull().isNotEmpty());
    }

    private List<String> villageNames(String town) {
        return query("query($town: ID) { regions(level: VILLAGE, under: $town, first: 100) { edges { node { name } } } }",
                Map.of("town", town)).path("regions.edges[*].node.name").entityList(String.class).get();
    }

    private static Map<String, Object> variables(String from, String to, String after) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("from", from);
        variables.put("to", to);
        variables.put("after", after);
        return variables;
    }
}
