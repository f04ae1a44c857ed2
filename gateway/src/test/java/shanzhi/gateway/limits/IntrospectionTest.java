package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import graphql.introspection.IntrospectionQuery;
import shanzhi.gateway.ApiTestBase;

/**
 * In the demo (the default profile) introspection is on, so GraphiQL can show the schema, and the
 * limits leave it alone: its type references nest deeper than max-depth, but it reads no store and
 * graphql-java's good-faith introspection check bounds it.
 */
class IntrospectionTest extends ApiTestBase {

    @Test
    void theFullIntrospectionQueryIsAnsweredInTheDemo() {
        query(IntrospectionQuery.INTROSPECTION_QUERY)
                .path("__schema.queryType.name").entity(String.class).isEqualTo("Query")
                .path("__schema.types[*].name").entityList(String.class).contains("Region", "Person", "Incident");
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
