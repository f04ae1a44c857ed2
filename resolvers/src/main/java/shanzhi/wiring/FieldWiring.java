package shanzhi.wiring;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.netflix.graphql.dgs.DgsCodeRegistry;
import com.netflix.graphql.dgs.DgsComponent;

import graphql.language.ObjectTypeDefinition;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.idl.TypeDefinitionRegistry;
import shanzhi.api.ReferenceCache;

/**
 * Puts every department's binding table into the schema: one fetcher per bound field. A bound
 * field the SDL does not have is an error at start, so a table cannot drift from the schema.
 */
@DgsComponent
public class FieldWiring {
    private final List<DepartmentFields> departments;
    private final ReferenceCache cache;
    private volatile FieldTable table;

    public FieldWiring(List<DepartmentFields> departments, ReferenceCache cache) {
        this.departments = departments;
        this.cache = cache;
    }

    @DgsCodeRegistry
    public GraphQLCodeRegistry.Builder boundFields(GraphQLCodeRegistry.Builder registry, TypeDefinitionRegistry types) {
        FieldTable table = table();
        table.fields().forEach((coordinates, bound) -> registry.dataFetcher(declared(types, coordinates), bound.fetcher(cache)));
        table.connections().forEach((coordinates, connection) ->
                registry.dataFetcher(declared(types, coordinates), connection.fetcher(cache)));
        return registry;
    }

    /**
     * The row of {@code entity} at {@code key}, in the caller's scope as every field leading to
     * one sees it, through the same batch loader: for fetchers outside the tables.
     */
    public <K, V> CompletableFuture<V> load(DataFetchingEnvironment env, String entity, K key) {
        return BoundField.load(env, table().<K, V>source(entity), cache, key);
    }

    /** Every department's fields, in one table (declared once, on first use). */
    FieldTable table() {
        FieldTable built = table;
        if (built == null) {
            built = new FieldTable();
            for (DepartmentFields department : departments) {
                department.declare(built);
            }
            table = built;
        }
        return built;
    }

    private static FieldCoordinates declared(TypeDefinitionRegistry types, FieldCoordinates coordinates) {
        Stream<ObjectTypeDefinition> definitions = Stream.concat(
                types.getType(coordinates.getTypeName(), ObjectTypeDefinition.class).stream(),
                types.objectTypeExtensions().getOrDefault(coordinates.getTypeName(), List.of()).stream());
        if (definitions.noneMatch(type -> type.getFieldDefinitions().stream()
                .anyMatch(field -> field.getName().equals(coordinates.getFieldName())))) {
            throw new IllegalStateException("Bound field " + coordinates.getTypeName() + "." + coordinates.getFieldName()
                    + " is not in the schema");
        }
        return coordinates;
    }
}
