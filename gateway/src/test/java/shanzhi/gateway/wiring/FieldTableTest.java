package shanzhi.gateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceCache;
import shanzhi.wiring.DepartmentFields;
import shanzhi.wiring.FieldWiring;
import shanzhi.wiring.Source;

/**
 * The binding tables cannot drift from the schema or from each other: a field bound twice, a
 * bound field the SDL lacks, an entity declared twice or named but declared by nobody stop the
 * gateway at start, before any request.
 */
class FieldTableTest {
    private static final TypeDefinitionRegistry SDL = new SchemaParser().parse("""
            type Query { person(id: ID!): Person }
            type Person { id: ID! household: Household }
            type Household { id: ID! }
            extend type Person { cell: String }
            """);
    private static final Source<Long, Object> PERSONS = Source.records("Person", (ids, scope) -> Mono.just(Map.of()));

    @Test
    void aTableThatMatchesTheSchemaWiresEveryBoundFieldIncludingExtensions() {
        GraphQLCodeRegistry.Builder registry = GraphQLCodeRegistry.newCodeRegistry();
        wiring(fields -> {
            fields.entity("Person", PERSONS);
            fields.byArguments("Query", "person", PERSONS, env -> 1L);
            fields.one("Person", "cell", "Person", (Object person) -> null);
        }).boundFields(registry, SDL);
        GraphQLCodeRegistry built = registry.build();
        assertThat(built.hasDataFetcher(graphql.schema.FieldCoordinates.coordinates("Query", "person"))).isTrue();
        assertThat(built.hasDataFetcher(graphql.schema.FieldCoordinates.coordinates("Person", "cell"))).isTrue();
    }

    @Test
    void aFieldBoundTwiceStopsTheStart() {
        assertThatThrownBy(() -> wiring(fields -> {
            fields.byArguments("Query", "person", PERSONS, env -> 1L);
            fields.byArguments("Query", "person", PERSONS, env -> 2L);
        }).boundFields(GraphQLCodeRegistry.newCodeRegistry(), SDL)).hasMessageContaining("Query.person is bound twice");
    }

    @Test
    void aBoundFieldTheSchemaLacksStopsTheStart() {
        assertThatThrownBy(() -> wiring(fields -> fields.byArguments("Query", "people", PERSONS, env -> 1L))
                .boundFields(GraphQLCodeRegistry.newCodeRegistry(), SDL))
                .hasMessageContaining("Query.people is not in the schema");
    }

    @Test
    void anEntityDeclaredTwiceOrByNobodyStopsTheStart() {
        assertThatThrownBy(() -> wiring(fields -> {
            fields.entity("Person", PERSONS);
            fields.entity("Person", PERSONS);
        }).boundFields(GraphQLCodeRegistry.newCodeRegistry(), SDL)).hasMessageContaining("Entity Person is declared twice");
        assertThatThrownBy(() -> wiring(fields -> fields.one("Person", "household", "Household", (Object person) -> 1L))
                .boundFields(GraphQLCodeRegistry.newCodeRegistry(), SDL))
                .hasMessageContaining("No department declares the entity Household");
    }

    private static FieldWiring wiring(DepartmentFields department) {
        return new FieldWiring(List.of(department), ReferenceCache.DIRECT);
    }
}
