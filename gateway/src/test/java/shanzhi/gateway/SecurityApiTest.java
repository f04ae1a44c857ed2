package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** The security department: police stations and rooms, incidents and their statistics. */
class SecurityApiTest extends ApiTestBase {
    private static final ZoneOffset DISTRICT_OFFSET = ZoneOffset.ofHours(8);
    private static final List<String> CATEGORIES = List.of("CRIMINAL", "PUBLIC_ORDER", "TRAFFIC", "ASSISTANCE");
    private static final String TOWN = "440513001";

    @Test
    void anIncidentHasItsPersonsOrderedByIdItsCellAndThePoliceStationOfItsTown() {
        String village = firstVillage(TOWN);
        List<Incident> incidents = walkIncidents(village, vars());
        List<Incident> withSeveral = incidents.stream().filter(i -> i.persons().size() > 1).limit(10).toList();
        assertThat(withSeveral).as("incidents with several persons").isNotEmpty();
        String station = query("query($t: ID!) { region(code: $t) { policeStation { id } } }", vars("t", TOWN))
                .path("region.policeStation.id").entity(String.class).get();

        for (Incident incident : withSeveral) {
            var response = query("query($id: ID!) { incident(id: $id) { id category occurredAt region { code level } "
                    + "persons { id } policeStation { id town { code } } } }", vars("id", incident.id()));
            response.path("incident.id").entity(String.class).isEqualTo(incident.id())
                    .path("incident.region.level").entity(String.class).isEqualTo("CELL")
                    .path("incident.region.code").entity(String.class).isEqualTo(incident.cell())
                    .path("incident.policeStation.id").entity(String.class).isEqualTo(station)
                    .path("incident.policeStation.town.code").entity(String.class).isEqualTo(TOWN);
            List<Long> persons = longs(response.path("incident.persons[*].id").entityList(String.class).get());
            assertThat(persons).hasSizeGreaterThan(1).doesNotHaveDuplicates().isSorted();
            assertThat(incident.cell()).startsWith(village);
        }
    }

    @Test
    void anUnknownWellFormedIncidentIdGivesNullWithoutError() {
        var response = query("{ incident(id: \"987654321\") { id } }");
        response.errors().verify();
        response.path("incident").valueIsNull();
    }

    @Test
    void aRegionsIncidentsAreNewestFirstAndLieUnderIt() {
        String village = firstVillage(TOWN);
        List<Incident> incidents = walkIncidents(village, vars());
        assertThat(incidents).hasSizeGreaterThan(20);
        assertThat(incidents).extracting(Incident::occurredAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(incidents).extracting(Incident::id).doesNotHaveDuplicates();
        assertThat(incidents).allSatisfy(incident -> assertThat(incident.cell()).startsWith(village));
    }

    @Test
    void theCategoryFilterReturnsOnlyThatCategoryAndTheCategoriesPartitionTheIncidents() {
        String village = firstVillage(TOWN);
        int all = walkIncidents(village, vars()).size();
        int sum = 0;
        for (String category : CATEGORIES) {
            List<Incident> incidents = walkIncidents(village, vars("category", category));
            assertThat(incidents).isNotEmpty().hasSizeLessThan(all)
                    .allSatisfy(incident -> assertThat(incident.category()).isEqualTo(category));
            assertThat(incidents).extracting(Incident::occurredAt).isSortedAccordingTo(Comparator.reverseOrder());
            sum += incidents.size();
        }
        assertThat(sum).isEqualTo(all);
    }

    @Test
    void fromAndToBoundTheDateOfOccurrenceInChinaStandardTime() {
        LocalDate from = LocalDate.of(2020, 3, 1);
        LocalDate to = LocalDate.of(2020, 3, 31);
        List<Incident> incidents = walkIncidents(TOWN, vars("from", from.toString(), "to", to.toString()));

        assertThat(incidents).isNotEmpty().allSatisfy(incident ->
                assertThat(localDate(incident)).isBetween(from, to));
        List<Incident> spring = walkIncidents(TOWN, vars("from", "2020-02-01", "to", "2020-04-30"));
        assertThat(spring).extracting(Incident::id).containsAll(incidents.stream().map(Incident::id).toList());
        assertThat(spring.stream().filter(i -> !localDate(i).isBefore(from) && !localDate(i).isAfter(to)))
                .extracting(Incident::id).containsExactlyElementsOf(incidents.stream().map(Incident::id).toList());
    }

    @Test
    void fromAndToAreInclusiveAndSplitARangeWithoutLossOrOverlap() {
        int march = incidentCount(TOWN, vars("from", "2020-03-01", "to", "2020-03-31"));
        int firstHalf = incidentCount(TOWN, vars("from", "2020-03-01", "to", "2020-03-15"));
        int secondHalf = incidentCount(TOWN, vars("from", "2020-03-16", "to", "2020-03-31"));
        assertThat(firstHalf).isPositive();
        assertThat(secondHalf).isPositive();
        assertThat(firstHalf + secondHalf).isEqualTo(march);

        int sum = 0;
        for (int day = 1; day <= 31; day++) {
            String date = LocalDate.of(2020, 3, day).toString();
            sum += incidentCount(TOWN, vars("from", date, "to", date));
        }
        assertThat(sum).isEqualTo(march);
    }

    @Test
    void anIncidentBeforeEightInTheMorningBelongsToItsLocalDate() {
        List<Incident> early = walkIncidents(TOWN, vars("from", "2021-01-01", "to", "2021-12-31")).stream()
                .filter(incident -> incident.occurredAt().atOffset(DISTRICT_OFFSET).getHour() < 8).limit(5).toList();
        assertThat(early).as("incidents between 00:00 and 08:00 local time").isNotEmpty();
        for (Incident incident : early) {
            String date = localDate(incident).toString();
            assertThat(walkIncidents(TOWN, vars("from", date, "to", date))).extracting(Incident::id).contains(incident.id());
            String dayBefore = localDate(incident).minusDays(1).toString();
            assertThat(walkIncidents(TOWN, vars("from", dayBefore, "to", dayBefore)))
                    .extracting(Incident::id).doesNotContain(incident.id());
        }
    }

    @Test
    void fromAfterToIsBadUserInput() {
        var response = query("query($t: ID!) { region(code: $t) { code incidents(from: \"2021-02-01\", to: \"2021-01-31\") { totalCount } } }",
                vars("t", TOWN));
        assertBadUserInput(response, "region.incidents", "from", "to");
        response.path("region.code").entity(String.class).isEqualTo(TOWN)
                .path("region.incidents").valueIsNull();
    }

    @Test
    void incidentStatsHaveOneRowPerCategoryInEnumOrderCountingTheYear() {
        int year = 2021;
        var stats = query("query($t: ID!, $y: Int!) { region(code: $t) { incidentStats(year: $y) { "
                + "category count previousYearCount changePercent } } }", vars("t", TOWN, "y", year));
        stats.path("region.incidentStats[*].category").entityList(String.class)
                .containsExactly(CATEGORIES.toArray(String[]::new));
        List<Integer> counts = stats.path("region.incidentStats[*].count").entityList(Integer.class).get();
        List<Integer> previous = stats.path("region.incidentStats[*].previousYearCount").entityList(Integer.class).get();
        assertThat(counts).anySatisfy(count -> assertThat(count).isPositive());

        for (int i = 0; i < CATEGORIES.size(); i++) {
            String category = CATEGORIES.get(i);
            assertThat(counts.get(i)).as("%s in %d", category, year)
                    .isEqualTo(incidentCount(TOWN, vars("category", category, "from", year + "-01-01", "to", year + "-12-31")));
            assertThat(previous.get(i)).as("%s in %d", category, year - 1).isEqualTo(
                    incidentCount(TOWN, vars("category", category, "from", (year - 1) + "-01-01", "to", (year - 1) + "-12-31")));
            if (previous.get(i) == 0) {
                stats.path("region.incidentStats[" + i + "].changePercent").valueIsNull();
            } else {
                double expected = BigDecimal.valueOf(100L * (counts.get(i) - previous.get(i)))
                        .divide(BigDecimal.valueOf(previous.get(i)), 1, RoundingMode.HALF_UP).doubleValue();
                stats.path("region.incidentStats[" + i + "].changePercent").entity(Double.class).isEqualTo(expected);
            }
        }
    }

    @Test
    void incidentStatsOfAYearWithoutIncidentsAreZeroRowsInEnumOrder() {
        query("query($t: ID!) { region(code: $t) { incidentStats(year: 1990) { category count previousYearCount changePercent } } }",
                vars("t", TOWN))
                .path("region.incidentStats[*].category").entityList(String.class).containsExactly(CATEGORIES.toArray(String[]::new))
                .path("region.incidentStats[*].count").entityList(Integer.class).containsExactly(0, 0, 0, 0)
                .path("region.incidentStats[*].changePercent").entityList(Object.class).satisfies(changes ->
                        assertThat(changes).hasSize(4).containsOnlyNulls());
    }

    @Test
    void aPoliceStationsRoomsAreOrderedByNameAndBelongToIt() {
        var station = query("query($t: ID!) { region(code: $t) { policeStation { id name town { code } "
                + "rooms { id name station { id } village { code level } } } } }", vars("t", TOWN));
        String id = station.path("region.policeStation.id").entity(String.class).get();
        station.path("region.policeStation.town.code").entity(String.class).isEqualTo(TOWN)
                .path("region.policeStation.rooms[*].name").entityList(String.class)
                .satisfies(names -> assertThat(names).hasSizeGreaterThan(1).isSorted())
                .path("region.policeStation.rooms[*].station.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).containsOnly(id))
                .path("region.policeStation.rooms[*].village.level").entityList(String.class)
                .satisfies(levels -> assertThat(levels).containsOnly("VILLAGE"))
                .path("region.policeStation.rooms[*].village.code").entityList(String.class)
                .satisfies(codes -> assertThat(codes).allSatisfy(code -> assertThat(code).startsWith(TOWN)));
    }

    @Test
    void onlyATownHasAPoliceStation() {
        String village = firstVillage(TOWN);
        var response = query("query($t: ID!, $v: ID!) { district: region(code: \"440513\") { policeStation { id } } "
                + "town: region(code: $t) { policeStation { id } } village: region(code: $v) { policeStation { id } } }",
                vars("t", TOWN, "v", village));
        response.errors().verify();
        response.path("town.policeStation.id").entity(String.class).satisfies(id -> assertThat(id).isNotBlank())
                .path("district.policeStation").valueIsNull()
                .path("village.policeStation").valueIsNull();
    }

    @Test
    void aVillageHasTheRoomOfItsStationThatServesItAndOtherLevelsHaveNone() {
        var station = query("query($t: ID!) { region(code: $t) { policeStation { rooms { id name village { code } } } children { code } } }",
                vars("t", TOWN));
        List<String> roomIds = station.path("region.policeStation.rooms[*].id").entityList(String.class).get();
        List<String> roomVillages = station.path("region.policeStation.rooms[*].village.code").entityList(String.class).get();
        List<String> villages = station.path("region.children[*].code").entityList(String.class).get();
        Map<String, String> roomOfVillage = new HashMap<>();
        for (int i = 0; i < roomIds.size(); i++) {
            roomOfVillage.put(roomVillages.get(i), roomIds.get(i));
        }
        assertThat(villages).as("villages without a room").anySatisfy(v -> assertThat(roomOfVillage).doesNotContainKey(v));

        for (String village : villages) {
            var response = query("query($v: ID!) { region(code: $v) { policeRoom { id village { code } } "
                    + "children { policeRoom { id } children { policeRoom { id } } } } }", vars("v", village));
            if (roomOfVillage.containsKey(village)) {
                response.path("region.policeRoom.id").entity(String.class).isEqualTo(roomOfVillage.get(village))
                        .path("region.policeRoom.village.code").entity(String.class).isEqualTo(village);
            } else {
                response.path("region.policeRoom").valueIsNull();
            }
            response.path("region.children[*].policeRoom").entityList(Object.class)
                    .satisfies(rooms -> assertThat(rooms).containsOnlyNulls());
            response.path("region.children[0].children[*].policeRoom").entityList(Object.class)
                    .satisfies(rooms -> assertThat(rooms).isNotEmpty().containsOnlyNulls());
        }
        query("query($t: ID!) { region(code: $t) { policeRoom { id } } }", vars("t", TOWN)).path("region.policeRoom").valueIsNull();
    }

    @Test
    void aPersonsIncidentsAreNewestFirstAndEachInvolvesThePerson() {
        Map<String, Integer> incidentsPerPerson = new HashMap<>();
        for (Incident incident : walkIncidents(firstVillage(TOWN), vars())) {
            incident.persons().forEach(person -> incidentsPerPerson.merge(person, 1, Integer::sum));
        }
        List<String> persons = incidentsPerPerson.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5).map(Map.Entry::getKey).toList();
        assertThat(incidentsPerPerson.get(persons.get(0))).as("incidents of the most involved person").isGreaterThan(1);

        for (String person : persons) {
            var response = query("query($id: ID!) { person(id: $id) { incidents { id occurredAt persons { id } } } }",
                    vars("id", person));
            List<String> times = response.path("person.incidents[*].occurredAt").entityList(String.class).get();
            assertThat(times).hasSizeGreaterThanOrEqualTo(incidentsPerPerson.get(person));
            assertThat(times.stream().map(t -> OffsetDateTime.parse(t).toInstant()).toList())
                    .isSortedAccordingTo(Comparator.reverseOrder());
            for (int i = 0; i < times.size(); i++) {
                response.path("person.incidents[" + i + "].persons[*].id").entityList(String.class).contains(person);
            }
        }
    }

    // --- helpers ---

    private record Incident(String id, String category, Instant occurredAt, String cell, List<String> persons) {
    }

    private static LocalDate localDate(Incident incident) {
        return incident.occurredAt().atOffset(DISTRICT_OFFSET).toLocalDate();
    }

    private String firstVillage(String town) {
        return query("query($t: ID) { regions(level: VILLAGE, under: $t, first: 1) { edges { node { code } } } }",
                vars("t", town)).path("regions.edges[0].node.code").entity(String.class).get();
    }

    private int incidentCount(String region, Map<String, Object> filter) {
        Map<String, Object> variables = new HashMap<>(filter);
        variables.put("r", region);
        return query("query($r: ID!, $category: IncidentCategory, $from: Date, $to: Date) { region(code: $r) { "
                + "incidents(category: $category, from: $from, to: $to) { totalCount } } }", variables)
                .path("region.incidents.totalCount").entity(Integer.class).get();
    }

    private List<Incident> walkIncidents(String region, Map<String, Object> filter) {
        List<Incident> incidents = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> variables = new HashMap<>(filter);
            variables.put("r", region);
            variables.put("after", after);
            GraphQlTester.Response page = query("query($r: ID!, $category: IncidentCategory, $from: Date, $to: Date, "
                    + "$after: String) { region(code: $r) { incidents(category: $category, from: $from, to: $to, first: 100, "
                    + "after: $after) { totalCount pageInfo { hasNextPage endCursor } "
                    + "edges { node { id category occurredAt region { code } persons { id } } } } } }", variables);
            String prefix = "region.incidents.";
            int total = page.path(prefix + "totalCount").entity(Integer.class).get();
            int size = page.path(prefix + "edges").entityList(Object.class).get().size();
            for (int i = 0; i < size; i++) {
                String node = prefix + "edges[" + i + "].node.";
                incidents.add(new Incident(page.path(node + "id").entity(String.class).get(),
                        page.path(node + "category").entity(String.class).get(),
                        OffsetDateTime.parse(page.path(node + "occurredAt").entity(String.class).get()).toInstant(),
                        page.path(node + "region.code").entity(String.class).get(),
                        page.path(node + "persons[*].id").entityList(String.class).get()));
            }
            if (!page.path(prefix + "pageInfo.hasNextPage").entity(Boolean.class).get()) {
                assertThat(incidents).as("incidents walked under %s with %s", region, filter).hasSize(total);
                return incidents;
            }
            after = page.path(prefix + "pageInfo.endCursor").entity(String.class).get();
        }
    }

    private static List<Long> longs(List<String> ids) {
        return ids.stream().map(Long::valueOf).toList();
    }
}
