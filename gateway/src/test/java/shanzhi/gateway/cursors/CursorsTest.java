package shanzhi.gateway.cursors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * Cursors are opaque and bound: sealed with the deployment's key for one connection (field,
 * parent, arguments) and one caller (subject, client). Anything else a client sends as `after`
 * (a tampered byte, another caller's cursor, another connection's or filter's) is BAD_USER_INPUT
 * "Unknown cursor for this connection", and the page is not served.
 */
class CursorsTest extends ApiTestBase {
    private static final String VILLAGE_PAGE = "query($v: ID!, $after: String) { region(code: $v) { residents(first: 2, after: $after) "
            + "{ pageInfo { endCursor hasPreviousPage } edges { cursor node { id } } } } }";
    private static final String PEOPLE_PAGE = "query($u: ID!, $f: PersonFilter, $after: String) { people(under: $u, filter: $f, "
            + "first: 2, after: $after) { pageInfo { endCursor } edges { node { id } } } }";
    private static final String TOWN = "440513007";
    private static final String OTHER_TOWN = "440513008";

    @Test
    void aCursorIsNotTheBase64OfTheId() {
        var page = query("{ people(under: \"" + TOWN + "\", first: 1) { edges { cursor node { id } } } }");
        String cursor = page.path("people.edges[0].cursor").entity(String.class).get();
        String id = page.path("people.edges[0].node.id").entity(String.class).get();
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(id);
        assertThat(cursor).isNotEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(("i:" + id).getBytes()));
        String again = query("{ people(under: \"" + TOWN + "\", first: 1) { edges { cursor } } }")
                .path("people.edges[0].cursor").entity(String.class).get();
        assertThat(again).as("each cursor is sealed afresh: equal cursors say nothing").isNotEqualTo(cursor);
    }

    @Test
    void aCursorPagesItsOwnConnectionAndTamperingAnyByteMakesItUnknown() {
        String first = endCursor(query(PEOPLE_PAGE, vars("u", TOWN)), "people");
        List<String> next = query(PEOPLE_PAGE, vars("u", TOWN, "after", first)).path("people.edges[*].node.id")
                .entityList(String.class).hasSize(2).get();
        assertThat(next).doesNotContainAnyElementsOf(query(PEOPLE_PAGE, vars("u", TOWN)).path("people.edges[*].node.id")
                .entityList(String.class).get());

        byte[] raw = Base64.getUrlDecoder().decode(first);
        for (int position : new int[] {0, 1, 17, raw.length / 2, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[position] ^= 0x01;
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertUnknown(query(PEOPLE_PAGE, vars("u", TOWN, "after", cursor)), "people", cursor);
        }
        assertUnknown(query(PEOPLE_PAGE, vars("u", TOWN, "after", first.substring(0, first.length() - 3))), "people", first);
    }

    @Test
    void anotherCallersCursorIsUnknown() {
        String mine = endCursor(query(PEOPLE_PAGE, vars("u", TOWN)), "people");
        assertUnknown(client("someone-else", "api-tests").document(PEOPLE_PAGE).variables(vars("u", TOWN, "after", mine))
                .execute(), "people", mine);
        assertUnknown(client("test-district_admin-" + DISTRICT, "another-app").document(PEOPLE_PAGE)
                .variables(vars("u", TOWN, "after", mine)).execute(), "people", mine);
    }

    @Test
    void aCursorOfAnotherConnectionParentOrFilterIsUnknown() {
        String town = endCursor(query(PEOPLE_PAGE, vars("u", TOWN)), "people");
        assertUnknown(query(PEOPLE_PAGE, vars("u", OTHER_TOWN, "after", town)), "people", town);
        assertUnknown(query(PEOPLE_PAGE, vars("u", TOWN, "f", Map.of("tag", "VETERAN"), "after", town)), "people", town);

        String veterans = endCursor(query(PEOPLE_PAGE, vars("u", TOWN, "f", Map.of("tag", "VETERAN"))), "people");
        assertUnknown(query(PEOPLE_PAGE, vars("u", TOWN, "f", Map.of("tag", "LEFT_BEHIND"), "after", veterans)), "people", veterans);
        assertUnknown(query(PEOPLE_PAGE, vars("u", TOWN, "after", veterans)), "people", veterans);

        List<String> villages = query("{ regions(level: VILLAGE, under: \"" + TOWN + "\", first: 2) { edges { node { code } } } }")
                .path("regions.edges[*].node.code").entityList(String.class).hasSize(2).get();
        String village = query(VILLAGE_PAGE, vars("v", villages.get(0))).path("region.residents.pageInfo.endCursor")
                .entity(String.class).get();
        assertUnknown(query(VILLAGE_PAGE, vars("v", villages.get(1), "after", village)), "region.residents", village);
        assertUnknown(query(PEOPLE_PAGE, vars("u", villages.get(0), "after", village)), "people", village);
        query(VILLAGE_PAGE, vars("v", villages.get(0), "after", village)).path("region.residents.pageInfo.hasPreviousPage")
                .entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void everyConnectionPagesWithSealedCursors() {
        Map<String, String> connections = Map.of(
                "regions", "regions(level: VILLAGE, first: 1, after: $after)",
                "region.gridWorkers", "region(code: \"" + TOWN + "\") { gridWorkers(first: 1, after: $after)",
                "region.gridEvents", "region(code: \"" + DISTRICT + "\") { gridEvents(first: 1, after: $after)",
                "region.disputes", "region(code: \"" + DISTRICT + "\") { disputes(first: 1, after: $after)",
                "region.incidents", "region(code: \"" + DISTRICT + "\") { incidents(first: 1, after: $after)",
                "region.judicialOffice.disputes", "region(code: \"" + TOWN + "\") { judicialOffice { disputes(first: 1, after: $after)",
                "region.residents", "region(code: \"" + TOWN + "\") { residents(first: 1, after: $after)");
        connections.forEach((path, field) -> {
            int nesting = (int) field.chars().filter(c -> c == '{').count();
            String document = "query($after: String) { " + field + " { edges { cursor } pageInfo { endCursor } } "
                    + " }".repeat(nesting) + " }";
            String cursor = query(document, vars("after", null)).path(path + ".pageInfo.endCursor").entity(String.class).get();
            assertThat(Base64.getUrlDecoder().decode(cursor)).as(path).hasSizeGreaterThan(32);
            query(document, vars("after", cursor)).path(path + ".edges[0].cursor").entity(String.class)
                    .satisfies(next -> assertThat(next).as(path).isNotEqualTo(cursor));
            assertUnknown(client("someone-else", "api-tests").document(document).variables(vars("after", cursor)).execute(),
                    path, cursor);
        });
    }

    private HttpGraphQlTester client(String subject, String client) {
        String token = tokens.issue(subject, List.of(Role.DISTRICT_ADMIN), DISTRICT, null, client, Duration.ofMinutes(10));
        return HttpGraphQlTester.create(http()).mutate().header("Authorization", "Bearer " + token).build();
    }

    private static String endCursor(GraphQlTester.Response response, String connection) {
        return response.path(connection + ".pageInfo.endCursor").entity(String.class).get();
    }

    /** BAD_USER_INPUT at the connection, the message echoing no more than a short prefix of the cursor. */
    private static void assertUnknown(GraphQlTester.Response response, String path, String cursor) {
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertBadUserInputError(errors.get(0), path, "Unknown cursor for this connection");
            assertThat(errors.get(0).getMessage()).doesNotContain(cursor.substring(0, 12)).hasSizeLessThan(60);
        });
    }
}
