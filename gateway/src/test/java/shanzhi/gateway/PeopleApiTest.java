package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

/** The people department: residents, their filters and paging, households and tags. */
class PeopleApiTest extends ApiTestBase {
    private static final ParameterizedTypeReference<Map<String, Object>> NODE = new ParameterizedTypeReference<>() {
    };
    private static final List<String> TAG_ORDER = List.of("VETERAN", "OVERSEAS_CHINESE_FAMILY",
            "COMMUNITY_CORRECTION", "RELEASED_PRISONER", "SEVERE_MENTAL_DISORDER", "AT_RISK_YOUTH", "LEFT_BEHIND");
    private static final String TOWN = "440513001";
    private static final String PERSON_FIELDS = "id name idNumber birthDate residency partyMember tags";

    @Test
    void aPersonIsFoundByIdWithTheFieldsOfTheResidentList() {
        Map<String, Object> resident = firstResidentOf(firstVillage(TOWN));

        query("query($id: ID!) { person(id: $id) { " + PERSON_FIELDS + " } }", vars("id", resident.get("id")))
                .path("person").entity(NODE).isEqualTo(resident);
    }

    @Test
    void anUnknownWellFormedPersonIdGivesNullWithoutError() {
        var response = query("{ person(id: \"987654321\") { id name } }");
        response.errors().verify();
        response.path("person").valueIsNull();
    }

    @Test
    void personByIdNumberFindsTheResidentWithThatNumber() {
        Map<String, Object> resident = firstResidentOf(firstVillage(TOWN));

        query("query($n: String!) { personByIdNumber(idNumber: $n) { " + PERSON_FIELDS + " } }",
                vars("n", resident.get("idNumber")))
                .path("personByIdNumber").entity(NODE).isEqualTo(resident);
    }

    @Test
    void anIdNumberWithAWrongCheckDigitIsBadUserInputNamingTheCheckDigit() {
        String idNumber = (String) firstResidentOf(firstVillage(TOWN)).get("idNumber");
        char check = idNumber.charAt(17);
        String wrong = idNumber.substring(0, 17) + (check == '1' ? '2' : '1');

        var response = query("query($n: String!) { personByIdNumber(idNumber: $n) { id } }", vars("n", wrong));
        assertBadUserInput(response, "personByIdNumber", "check digit");
        response.path("personByIdNumber").valueIsNull();
    }

    @Test
    void anIdNumberOfTheWrongLengthIsBadUserInputSayingWhatIsExpected() {
        String idNumber = (String) firstResidentOf(firstVillage(TOWN)).get("idNumber");
        for (String malformed : List.of(idNumber.substring(0, 17), idNumber + "0")) {
            var response = query("query($n: String!) { personByIdNumber(idNumber: $n) { id } }", vars("n", malformed));
            assertBadUserInput(response, "personByIdNumber", malformed, "17 digits");
        }
    }

    @Test
    void nameContainsMatchesASubstringAnywhereInTheName() {
        String village = firstVillage(TOWN);
        String name = (String) firstResidentOf(village).get("name");
        String lastCharacter = name.substring(name.length() - 1);
        List<Map<String, Object>> found = assertFilterHolds(village, vars("nameContains", lastCharacter),
                person -> ((String) person.get("name")).contains(lastCharacter));
        assertThat(found).extracting(person -> person.get("name")).contains(name);
    }

    @Test
    void nameContainsMatchesLikeWildcardsLiterally() {
        for (String wildcard : List.of("%", "_")) {
            query("query($f: PersonFilter) { people(under: \"440513\", filter: $f) { totalCount } }",
                    vars("f", vars("nameContains", wildcard)))
                    .path("people.totalCount").entity(Integer.class).isEqualTo(0);
        }
    }

    @Test
    void bornOnOrAfterLaterThanBornOnOrBeforeIsBadUserInput() {
        var response = query("query($f: PersonFilter) { people(under: \"440513001\", filter: $f) { totalCount } }",
                vars("f", vars("bornOnOrAfter", "2000-01-01", "bornOnOrBefore", "1990-01-01")));
        assertBadUserInput(response, "people", "bornOnOrAfter", "bornOnOrBefore");
    }

    @Test
    void theTagFilterReturnsOnlyResidentsWithThatTag() {
        assertFilterHolds(TOWN, vars("tag", "LEFT_BEHIND"), person -> tags(person).contains("LEFT_BEHIND"));
    }

    @Test
    void theResidencyFilterReturnsOnlyResidentsOfThatResidency() {
        String village = firstVillage(TOWN);
        assertFilterHolds(village, vars("residency", "FLOATING"), person -> person.get("residency").equals("FLOATING"));
        assertFilterHolds(village, vars("residency", "REGISTERED"), person -> person.get("residency").equals("REGISTERED"));
    }

    @Test
    void thePartyMemberFilterReturnsOnlyResidentsWithThatMembership() {
        String village = firstVillage(TOWN);
        assertFilterHolds(village, vars("partyMember", true), person -> person.get("partyMember").equals(true));
        assertFilterHolds(village, vars("partyMember", false), person -> person.get("partyMember").equals(false));
    }

    @Test
    void bornOnOrAfterAndBornOnOrBeforeBoundTheBirthDate() {
        String village = firstVillage(TOWN);
        LocalDate from = LocalDate.of(2000, 1, 1);
        LocalDate to = LocalDate.of(1969, 12, 31);
        assertFilterHolds(village, vars("bornOnOrAfter", from.toString()), person -> !birthDate(person).isBefore(from));
        assertFilterHolds(village, vars("bornOnOrBefore", to.toString()), person -> !birthDate(person).isAfter(to));
        assertFilterHolds(village, vars("bornOnOrAfter", "1980-01-01", "bornOnOrBefore", "1989-12-31"),
                person -> birthDate(person).getYear() >= 1980 && birthDate(person).getYear() <= 1989);
    }

    @Test
    void theBirthDateBoundsAreInclusive() {
        String village = firstVillage(TOWN);
        Map<String, Object> resident = firstResidentOf(village);
        String born = (String) resident.get("birthDate");

        List<Map<String, Object>> sameDay = pageAll(village, vars("bornOnOrAfter", born, "bornOnOrBefore", born));

        assertThat(sameDay).extracting(person -> person.get("id")).contains(resident.get("id"));
        assertThat(sameDay).allSatisfy(person -> assertThat(person.get("birthDate")).isEqualTo(born));
    }

    @Test
    void filtersCombineWithAnd() {
        String village = firstVillage(TOWN);
        assertFilterHolds(village, vars("residency", "REGISTERED", "partyMember", false, "bornOnOrBefore", "1990-12-31"),
                person -> person.get("residency").equals("REGISTERED") && person.get("partyMember").equals(false)
                        && birthDate(person).getYear() <= 1990);
    }

    @Test
    void walkingAllPagesWithAfterYieldsEveryResidentOnceInAscendingIdOrder() {
        String village = firstVillage(TOWN);
        int total = query("query($v: ID!) { people(under: $v) { totalCount } }", vars("v", village))
                .path("people.totalCount").entity(Integer.class).get();
        assertThat(total).as("residents of %s", village).isGreaterThan(100);

        List<Long> bySmallPages = ids(pageAll(village, Map.of(), 7));
        List<Long> byLargePages = ids(pageAll(village, Map.of(), 100));

        assertThat(bySmallPages).hasSize(total).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(byLargePages).isEqualTo(bySmallPages);
    }

    @Test
    void theLastPageHasNoNextPageAndAnEmptyPageFollowsIt() {
        String village = firstVillage(TOWN);
        String after = null;
        boolean hasNext = true;
        int pages = 0;
        while (hasNext) {
            var page = query("query($v: ID!, $after: String) { people(under: $v, first: 100, after: $after) { "
                    + "pageInfo { hasNextPage endCursor } edges { cursor } } }", vars("v", village, "after", after));
            hasNext = page.path("people.pageInfo.hasNextPage").entity(Boolean.class).get();
            List<String> cursors = page.path("people.edges[*].cursor").entityList(String.class).get();
            page.path("people.pageInfo.endCursor").entity(String.class).isEqualTo(cursors.get(cursors.size() - 1));
            after = cursors.get(cursors.size() - 1);
            pages++;
        }
        assertThat(pages).isGreaterThan(1);
        query("query($v: ID!, $after: String) { people(under: $v, after: $after) { "
                + "pageInfo { hasNextPage endCursor } edges { cursor } } }", vars("v", village, "after", after))
                .path("people.edges").entityList(Object.class).hasSize(0)
                .path("people.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void peopleUnderARegionAreTheRegionsResidents() {
        String village = firstVillage(TOWN);
        List<String> people = query("query($v: ID!) { people(under: $v, first: 50) { edges { node { id } } } }",
                vars("v", village)).path("people.edges[*].node.id").entityList(String.class).get();
        query("query($v: ID!) { region(code: $v) { residents(first: 50) { edges { node { id cell { code } } } } } }",
                vars("v", village))
                .path("region.residents.edges[*].node.id").entityList(String.class).isEqualTo(people)
                .path("region.residents.edges[*].node.cell.code").entityList(String.class)
                .satisfies(cells -> assertThat(cells).allSatisfy(cell -> assertThat(cell).startsWith(village).hasSize(17)));
    }

    @Test
    void peopleUnderAnUnknownWellFormedRegionIsEmpty() {
        var response = query("{ people(under: \"440513999\") { totalCount edges { node { id } } pageInfo { hasNextPage } } }");
        response.errors().verify();
        response.path("people.totalCount").entity(Integer.class).isEqualTo(0)
                .path("people.edges").entityList(Object.class).hasSize(0)
                .path("people.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void householdMembersAreOrderedByIdAndIncludeThePerson() {
        List<String> residents = query("query($v: ID!) { people(under: $v, first: 30) { edges { node { id } } } }",
                vars("v", firstVillage(TOWN))).path("people.edges[*].node.id").entityList(String.class).get();
        int households = 0;
        for (String id : residents) {
            var person = query("query($id: ID!) { person(id: $id) { household { id members { id household { id } } } } }",
                    vars("id", id));
            String household = person.path("person.household.id").entity(String.class).get();
            List<Long> members = person.path("person.household.members[*].id").entityList(String.class).get()
                    .stream().map(Long::valueOf).toList();
            assertThat(members).contains(Long.valueOf(id)).doesNotHaveDuplicates()
                    .isSortedAccordingTo(Comparator.naturalOrder());
            person.path("person.household.members[*].household.id").entityList(String.class)
                    .satisfies(ids -> assertThat(ids).containsOnly(household));
            if (members.size() > 1) {
                households++;
            }
        }
        assertThat(households).as("households with several members among the residents").isPositive();
    }

    @Test
    void tagsAreOrderedAsTheEnumAndEachTagFindsThePerson() {
        List<Map<String, Object>> leftBehind = pageAll(TOWN, vars("tag", "LEFT_BEHIND"));
        List<Map<String, Object>> severalTags = leftBehind.stream().filter(person -> tags(person).size() > 1).toList();
        assertThat(severalTags).as("residents with several tags").isNotEmpty();

        for (Map<String, Object> person : severalTags) {
            List<String> tags = tags(person);
            assertThat(tags).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.comparingInt(TAG_ORDER::indexOf));
            query("query($id: ID!) { person(id: $id) { tags } }", vars("id", person.get("id")))
                    .path("person.tags").entityList(String.class).containsExactly(tags.toArray(String[]::new));
            for (String tag : tags) {
                assertThat(ids(pageAll(TOWN, vars("tag", tag)))).contains(Long.valueOf((String) person.get("id")));
            }
        }
    }

    @Test
    void populationEqualsTheTotalCountOfResidentsAtEveryLevel() {
        var town = query("query($t: ID!) { region(code: $t) { population residents { totalCount } "
                + "children { code population residents { totalCount } children { population residents { totalCount } } } } }",
                vars("t", TOWN));
        int population = town.path("region.population").entity(Integer.class).get();
        assertThat(population).isPositive();
        town.path("region.residents.totalCount").entity(Integer.class).isEqualTo(population);
        List<Integer> villagePopulations = town.path("region.children[*].population").entityList(Integer.class).get();
        town.path("region.children[*].residents.totalCount").entityList(Integer.class).isEqualTo(villagePopulations);
        assertThat(villagePopulations.stream().mapToInt(Integer::intValue).sum()).isEqualTo(population);
        town.path("region.children[*].children[*].residents.totalCount").entityList(Integer.class)
                .isEqualTo(town.path("region.children[*].children[*].population").entityList(Integer.class).get());
    }

    // --- helpers ---

    private String firstVillage(String town) {
        return query("query($t: ID) { regions(level: VILLAGE, under: $t, first: 1) { edges { node { code } } } }",
                vars("t", town)).path("regions.edges[0].node.code").entity(String.class).get();
    }

    private Map<String, Object> firstResidentOf(String region) {
        return query("query($r: ID!) { people(under: $r, first: 1) { edges { node { " + PERSON_FIELDS + " } } } }",
                vars("r", region)).path("people.edges[0].node").entity(NODE).get();
    }

    /**
     * Pages through the filtered residents of a region; asserts every node satisfies the filter,
     * that the filter selects some but not all residents, and that totalCount is the number of nodes.
     */
    private List<Map<String, Object>> assertFilterHolds(String region, Map<String, Object> filter,
                                                        Predicate<Map<String, Object>> holds) {
        List<Map<String, Object>> found = pageAll(region, filter);
        int total = query("query($r: ID!, $f: PersonFilter) { people(under: $r, filter: $f) { totalCount } "
                + "region(code: $r) { population } }", vars("r", region, "f", filter))
                .path("people.totalCount").entity(Integer.class).isEqualTo(found.size())
                .path("region.population").entity(Integer.class).get();
        assertThat(found).as("residents of %s matching %s", region, filter).isNotEmpty().hasSizeLessThan(total)
                .allMatch(holds, "satisfies " + filter);
        assertThat(ids(found)).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
        return found;
    }

    private List<Map<String, Object>> pageAll(String region, Map<String, Object> filter) {
        return pageAll(region, filter, 100);
    }

    private List<Map<String, Object>> pageAll(String region, Map<String, Object> filter, int first) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        Integer total = null;
        while (true) {
            var page = query("query($r: ID!, $f: PersonFilter, $first: Int, $after: String) { "
                    + "people(under: $r, filter: $f, first: $first, after: $after) { totalCount "
                    + "pageInfo { hasNextPage endCursor } edges { node { " + PERSON_FIELDS + " } } } }",
                    vars("r", region, "f", filter, "first", first, "after", after));
            List<Map<String, Object>> nodes = page.path("people.edges[*].node").entityList(NODE).get();
            int count = page.path("people.totalCount").entity(Integer.class).get();
            if (total != null) {
                assertThat(count).as("totalCount on every page").isEqualTo(total);
            }
            total = count;
            all.addAll(nodes);
            if (!page.path("people.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                assertThat(all).as("residents paged with first %d", first).hasSize(total);
                return all;
            }
            assertThat(nodes).hasSize(first);
            after = page.path("people.pageInfo.endCursor").entity(String.class).get();
        }
    }

    private static List<Long> ids(List<Map<String, Object>> people) {
        return people.stream().map(person -> Long.valueOf((String) person.get("id"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> tags(Map<String, Object> person) {
        return (List<String>) person.get("tags");
    }

    private static LocalDate birthDate(Map<String, Object> person) {
        return LocalDate.parse((String) person.get("birthDate"));
    }
}
