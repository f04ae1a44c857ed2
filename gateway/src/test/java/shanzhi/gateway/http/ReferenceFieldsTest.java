package shanzhi.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import shanzhi.gateway.ApiTestBase;

/** The reference-only fields against the running schema: they exist, and lead to nothing personal. */
class ReferenceFieldsTest extends ApiTestBase {
    /** Types that hold personal or day-to-day data: never reachable through a reference field. */
    private static final Set<String> NOT_REFERENCE = Set.of("Person", "PersonConnection", "Household", "GridWorker",
            "Dispute", "Incident", "GridEvent", "IncidentStat");

    @Autowired
    GraphQlSource graphQlSource;

    @Test
    void everyReferenceFieldExistsAndLeadsOnlyToScalarsOrOtherReferenceTypes() {
        GraphQLSchema schema = graphQlSource.schema();
        for (Map.Entry<String, Set<String>> type : ReferenceFields.FIELDS.entrySet()) {
            assertThat(NOT_REFERENCE).doesNotContain(type.getKey());
            GraphQLObjectType object = (GraphQLObjectType) schema.getType(type.getKey());
            assertThat(object).as(type.getKey()).isNotNull();
            for (String name : type.getValue()) {
                GraphQLFieldDefinition field = object.getFieldDefinition(name);
                assertThat(field).as(type.getKey() + "." + name).isNotNull();
                GraphQLNamedType returned = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(field.getType());
                if (returned instanceof GraphQLObjectType) {
                    assertThat(ReferenceFields.FIELDS).as("%s.%s returns %s", type.getKey(), name, returned.getName())
                            .containsKey(returned.getName());
                }
            }
        }
    }

    @Test
    void noPersonalFieldIsReferenceData() {
        for (String type : NOT_REFERENCE) {
            GraphQLObjectType object = (GraphQLObjectType) graphQlSource.schema().getType(type);
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                assertThat(ReferenceFields.contains(type, field.getName())).as(type + "." + field.getName()).isFalse();
            }
        }
        assertThat(ReferenceFields.contains("Region", "population")).isFalse();
        assertThat(ReferenceFields.contains("Region", "residents")).isFalse();
        assertThat(ReferenceFields.contains("Query", "people")).isFalse();
    }
}
