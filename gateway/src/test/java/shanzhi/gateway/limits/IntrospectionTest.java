package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import graphql.introspection.IntrospectionQuery;
import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * In the demo (the default profile) every role may read the schema (shanzhi.introspection.roles
 * lists them all), so GraphiQL can show it, and the limits leave it alone: its type references
 * nest deeper than max-depth, but it reads no store and graphql-java's good-faith introspection
 * check bounds it.
 */
class IntrospectionTest extends ApiTestBase {

    @Test
    void theFullIntrospectionQueryIsAnsweredInTheDemo() {
        query(IntrospectionQuery.INTROSPECTION_QUERY)
                .path("__schema.queryType.name").entity(String.class).isEqualTo("Query")
                .path("__schema.types[*].name").entityList(String.class).contains("Region", "Person", "Incident");
    }

    @Test
    void signedInRolesMayReadTheSchemaInTheDemoIncludingTheFederationSdl() {
        for (Role role : List.of(Role.PARTNER, Role.POLICE, Role.JUDICIAL, Role.DISTRICT_ADMIN)) {
            HttpGraphQlTester client = as(List.of(role), DISTRICT, null);
            client.document("{ __type(name: \"Person\") { name } _service { sdl } }").execute()
                    .path("__type.name").entity(String.class).isEqualTo("Person")
                    .path("_service.sdl").entity(String.class).satisfies(sdl -> assertThat(sdl).contains("type Person"));
        }
    }

    @Test
    void anIntrospectionQueryThatRepeatsItsCyclesIsRefusedByGraphqlJava() {
        // fields -> type -> fields ... is the classic introspection amplification.
        String document = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }";
        query(document).errors().satisfy(errors -> {
            assertThat(errors).isNotEmpty();
            assertThat(errors.get(0).getMessage()).containsIgnoringCase("introspection");
        });
    }
}
