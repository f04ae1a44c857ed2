package shanzhi.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * Shared vocabulary of the access specifications: callers of one role in one scope, the scope's
 * view as a district administrator would have it, and assertions on FORBIDDEN fields.
 * Two towns of the demo district no other suite writes into are the scopes under test.
 */
abstract class AccessTestBase extends ApiTestBase {
    static final String OWN_TOWN = "440513007";
    static final String OTHER_TOWN = "440513008";
    /** Specific identities (PIPL Art. 28): the tags a fixture person is chosen by. */
    static final List<String> RESTRICTED_TAGS = List.of("COMMUNITY_CORRECTION", "RELEASED_PRISONER");
    private static final Set<Role> ALL_BUT_PARTNER = EnumSet.complementOf(EnumSet.of(Role.PARTNER));
    /** Who may see each restricted tag value (people.graphqls, @restrictedValues on Person.tags). */
    static final Map<String, Set<Role>> TAG_VISIBLE_TO = Map.of(
            "COMMUNITY_CORRECTION", EnumSet.of(Role.JUDICIAL, Role.POLICE, Role.DISTRICT_ADMIN),
            "RELEASED_PRISONER", EnumSet.of(Role.JUDICIAL, Role.POLICE, Role.DISTRICT_ADMIN),
            "SEVERE_MENTAL_DISORDER", EnumSet.of(Role.GRID_WORKER, Role.TOWN_OFFICER, Role.POLICE, Role.DISTRICT_ADMIN),
            "AT_RISK_YOUTH", ALL_BUT_PARTNER,
            "LEFT_BEHIND", ALL_BUT_PARTNER);

    /** The tag values a role may not see, in no particular order. */
    static List<String> tagsHiddenFrom(Role role) {
        return TAG_VISIBLE_TO.entrySet().stream().filter(rule -> !rule.getValue().contains(role)).map(Map.Entry::getKey).toList();
    }

    HttpGraphQlTester caller(Role role, String region) {
        return as(List.of(role), region, null);
    }

    HttpGraphQlTester gridWorker(String grid, long workerId) {
        return as(List.of(Role.GRID_WORKER), grid, workerId);
    }

    /** A district administrator whose token names {@code region}: the whole truth about that scope. */
    HttpGraphQlTester adminOf(String region) {
        return caller(Role.DISTRICT_ADMIN, region);
    }

    static GraphQlTester.Response run(HttpGraphQlTester client, String document, Map<String, Object> variables) {
        return client.document(document).variables(variables).execute();
    }

    /** The value at {@code path} of a response that must have no errors. */
    static <T> T value(GraphQlTester.Response response, String path, Class<T> type) {
        response.errors().verify();
        return response.path(path).entity(type).get();
    }

    static List<String> strings(GraphQlTester.Response response, String path) {
        response.errors().verify();
        return response.path(path).entityList(String.class).get();
    }

    static int count(GraphQlTester.Response response, String path) {
        return value(response, path, Integer.class);
    }

    /** The response's errors are exactly FORBIDDEN ones at these paths (in any order). */
    static void assertForbiddenAt(GraphQlTester.Response response, String... paths) {
        response.errors().satisfy(errors -> {
            assertThat(errors).extracting(ResponseError::getPath).containsExactlyInAnyOrder(paths);
            assertThat(errors).allSatisfy(error ->
                    assertThat(error.getExtensions()).as("extensions of %s", error).containsEntry("code", "FORBIDDEN"));
        });
    }

    /** The response is exactly one error, with this code at this path, and its message contains the parts. */
    static void assertOnlyError(GraphQlTester.Response response, String code, String path, String... messageParts) {
        response.errors().satisfy(errors -> {
            assertThat(errors).as("errors").hasSize(1);
            ResponseError error = errors.get(0);
            assertThat(error.getExtensions()).as("extensions of %s", error).containsEntry("code", code);
            assertThat(error.getPath()).as("path of %s", error).isEqualTo(path);
            for (String part : messageParts) {
                assertThat(error.getMessage()).as("message of %s", error).containsIgnoringCase(part);
            }
        });
    }
}
