package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Bad input is a GraphQL error with extensions.code BAD_USER_INPUT at the field's path, with a
 * message that says what is wrong; it costs only that field, never the other root fields.
 */
class BadInputApiTest extends ApiTestBase {
    private static final String TOWN = "440513001";
    /** A root field asked next to the bad one, which must still be answered. */
    private static final String WITNESS = "witness: region(code: \"440513\") { name }";

    @Test
    void firstAboveOneHundredIsBadUserInputNamingFirst() {
        var response = query("{ regions(level: TOWN, first: 101) { totalCount } " + WITNESS + " }");
        assertBadUserInput(response, "regions", "first", "101");
        response.path("regions").valueIsNull();
        assertWitnessAnswered(response);
    }

    @Test
    void aYearOutsideTheRecordsIsBadUserInputAndTheRestIsAnswered() {
        for (int year : new int[] {1948, 2101}) {
            var response = query("{ region(code: \"" + TOWN + "\") { incidentStats(year: " + year + ") { count } } "
                    + WITNESS + " }");
            assertBadUserInput(response, "region.incidentStats", "year must be between 1949 and 2100", Integer.toString(year));
            response.path("region.incidentStats").valueIsNull();
            assertWitnessAnswered(response);
        }
        query("{ region(code: \"" + TOWN + "\") { incidentStats(year: 1949) { count } } }").errors().verify();
    }

    @Test
    void aNegativeFirstIsBadUserInputNamingFirst() {
        var response = query("{ people(under: \"" + TOWN + "\", first: -1) { totalCount } " + WITNESS + " }");
        assertBadUserInput(response, "people", "first", "-1");
        response.path("people").valueIsNull();
        assertWitnessAnswered(response);
    }

    @Test
    void firstIsCheckedOnEveryConnection() {
        for (String connection : List.of("residents", "disputes", "incidents")) {
            for (int first : List.of(101, -1)) {
                var response = query("query($c: ID!) { region(code: $c) { code " + connection + "(first: " + first
                        + ") { totalCount } } " + WITNESS + " }", Map.of("c", TOWN));
                assertBadUserInput(response, "region." + connection, "first");
                response.path("region.code").entity(String.class).isEqualTo(TOWN)
                        .path("region." + connection).valueIsNull();
                assertWitnessAnswered(response);
            }
        }
        for (String connection : List.of("gridWorkers", "gridEvents")) {
            var response = query("query($c: ID!) { region(code: $c) { code " + connection + "(first: 101) { totalCount } } "
                    + WITNESS + " }", Map.of("c", TOWN));
            assertBadUserInput(response, "region." + connection, "first");
            assertWitnessAnswered(response);
        }
        var office = query("query($c: ID!) { region(code: $c) { judicialOffice { disputes(first: 101) { totalCount } } } "
                + WITNESS + " }", Map.of("c", TOWN));
        assertBadUserInput(office, "region.judicialOffice.disputes", "first");
        assertWitnessAnswered(office);
    }

    @Test
    void firstMayBeZeroOrOneHundred() {
        var response = query("{ none: regions(level: VILLAGE, first: 0) { totalCount pageInfo { hasNextPage } edges { cursor } } "
                + "most: regions(level: VILLAGE, first: 100) { edges { cursor } } }");
        response.errors().verify();
        response.path("none.edges").entityList(Object.class).hasSize(0)
                .path("none.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("most.edges").entityList(Object.class).hasSize(100);
    }

    @Test
    void aRandomCursorIsBadUserInput() {
        for (String field : List.of("people(under: \"" + TOWN + "\", after: $after) { totalCount }",
                "regions(level: VILLAGE, after: $after) { totalCount }")) {
            var response = query("query($after: String) { " + field + " " + WITNESS + " }",
                    Map.of("after", "no-such-cursor"));
            assertBadUserInput(response, field.substring(0, field.indexOf('(')), "cursor");
            assertWitnessAnswered(response);
        }
        for (String connection : List.of("residents", "disputes", "incidents")) {
            var response = query("query($c: ID!, $after: String) { region(code: $c) { " + connection
                    + "(after: $after) { totalCount } } " + WITNESS + " }", Map.of("c", TOWN, "after", "bm9wZQ"));
            assertBadUserInput(response, "region." + connection, "cursor");
            assertWitnessAnswered(response);
        }
    }

    @Test
    void aCursorFromAnotherKindOfConnectionIsBadUserInput() {
        String regionCursor = query("{ regions(level: VILLAGE, first: 1) { edges { cursor } } }")
                .path("regions.edges[0].cursor").entity(String.class).get();
        String personCursor = query("query($c: ID!) { people(under: $c, first: 1) { edges { cursor } } }", Map.of("c", TOWN))
                .path("people.edges[0].cursor").entity(String.class).get();
        String incidentCursor = query("query($c: ID!) { region(code: $c) { incidents(first: 1) { edges { cursor } } } }",
                Map.of("c", TOWN)).path("region.incidents.edges[0].cursor").entity(String.class).get();

        var residents = query("query($c: ID!, $after: String) { region(code: $c) { code residents(after: $after) { totalCount } } "
                + WITNESS + " }", Map.of("c", TOWN, "after", regionCursor));
        assertBadUserInput(residents, "region.residents", "cursor");
        residents.path("region.code").entity(String.class).isEqualTo(TOWN);
        assertWitnessAnswered(residents);

        assertBadUserInput(query("query($after: String) { regions(level: VILLAGE, after: $after) { totalCount } }",
                Map.of("after", personCursor)), "regions", "cursor");
        assertBadUserInput(query("query($c: ID!, $after: String) { region(code: $c) { incidents(after: $after) { totalCount } } }",
                Map.of("c", TOWN, "after", personCursor)), "region.incidents", "cursor");
        assertBadUserInput(query("query($c: ID!, $after: String) { people(under: $c, after: $after) { totalCount } }",
                Map.of("c", TOWN, "after", incidentCursor)), "people", "cursor");
    }

    @Test
    void aCursorThatDecodesToGarbageIsBadUserInput() {
        for (String raw : List.of("i:abc", "c:12ab", "t:nonsense", "x:1")) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            for (String field : List.of("people(under: \"" + TOWN + "\", after: $after) { totalCount }",
                    "regions(level: TOWN, after: $after) { totalCount }")) {
                var response = query("query($after: String) { " + field + " }", Map.of("after", cursor));
                response.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertBadUserInputError(error, field.substring(0, field.indexOf('(')), "cursor")));
            }
        }
    }

    @Test
    void aMalformedRegionCodeIsBadUserInput() {
        for (String code : List.of("12345", "4405130011", "44051300100a", "abc", "")) {
            var response = query("query($c: ID!) { region(code: $c) { name } " + WITNESS + " }", Map.of("c", code));
            assertBadUserInput(response, "region", "region code");
            response.path("region").valueIsNull();
            assertWitnessAnswered(response);
        }
        var people = query("{ people(under: \"4405130\") { totalCount } " + WITNESS + " }");
        assertBadUserInput(people, "people", "4405130");
        assertWitnessAnswered(people);
        var regions = query("{ regions(level: VILLAGE, under: \"44051300\") { totalCount } " + WITNESS + " }");
        assertBadUserInput(regions, "regions", "44051300");
        assertWitnessAnswered(regions);
    }

    @Test
    void aMalformedIdIsBadUserInputForEveryKindOfEntity() {
        var response = query("{ person(id: \"abc\") { id } dispute(id: \"abc\") { id } incident(id: \"abc\") { id } "
                + "gridEvent(id: \"abc\") { id } " + WITNESS + " }");
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(4);
            assertThat(errors).extracting(error -> error.getPath())
                    .containsExactlyInAnyOrder("person", "dispute", "incident", "gridEvent");
            errors.forEach(error -> assertBadUserInputError(error, error.getPath(), "abc", "id"));
        });
        for (String field : List.of("person", "dispute", "incident", "gridEvent")) {
            response.path(field).valueIsNull();
        }
        assertWitnessAnswered(response);
    }

    @Test
    void aMalformedIdInAMutationIsBadUserInput() {
        assertBadUserInput(query("mutation { advanceGridEvent(id: \"abc\", to: ACCEPTED) { id } }"), "advanceGridEvent", "abc");
    }

    @Test
    void eachBadFieldOfADocumentHasItsOwnErrorAndTheGoodOnesAreAnswered() {
        var response = query("query($c: ID!) { a: regions(level: TOWN, first: 101) { totalCount } "
                + "b: people(under: \"123\") { totalCount } good: region(code: $c) { code population } "
                + "c: person(id: \"x1\") { id } }", Map.of("c", TOWN));
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(3);
            assertThat(errors).extracting(error -> error.getPath()).containsExactlyInAnyOrder("a", "b", "c");
            errors.forEach(error -> assertBadUserInputError(error, error.getPath()));
        });
        response.path("good.code").entity(String.class).isEqualTo(TOWN)
                .path("good.population").entity(Integer.class).satisfies(population -> assertThat(population).isPositive());
    }

    private static void assertWitnessAnswered(GraphQlTester.Response response) {
        response.path("witness.name").entity(String.class).isEqualTo("潮阳区");
    }
}
