package shanzhi.wiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import shanzhi.api.Caller;
import shanzhi.api.Page;
import shanzhi.api.ReferenceKind;

/**
 * Every bound field of the schema, and the entities fields lead to. An entity is a type's rows by
 * key, declared by the department whose store holds them (Person by the people department);
 * other departments name it by its type and never import it. A field is bound to a source and to
 * how its key is found (from its parent row, or from its arguments at the root); a null key is a
 * null (or empty) field without a load. A field bound twice is an error at start.
 */
public final class FieldTable {
    private final Map<String, Source<?, ?>> entities = new LinkedHashMap<>();
    private final Map<FieldCoordinates, BoundField<?, ?>> fields = new LinkedHashMap<>();
    private final Map<FieldCoordinates, ConnectionField<?, ?>> connections = new LinkedHashMap<>();

    /** {@code type}'s rows by key, from {@code source}. */
    public <K, V> Source<K, V> entity(String type, Source<K, V> source) {
        if (entities.putIfAbsent(type, source) != null) {
            throw new IllegalStateException("Entity " + type + " is declared twice");
        }
        return source;
    }

    /** The field is the value of {@code source} at the key its parent row gives. */
    public <S, K, V> void one(String type, String field, Source<K, V> source, Function<S, K> key) {
        bind(type, field, new BoundField<>(() -> source, fromParent(key), null));
    }

    /** The field is the row of another department's entity {@code entity}, at the key its parent row gives. */
    public <S, K> void one(String type, String field, String entity, Function<S, K> key) {
        bind(type, field, new BoundField<K, Object>(() -> entity(entity), fromParent(key), null));
    }

    /** The field is the list {@code source} has at the key its parent row gives; empty when it has none. */
    public <S, K, E> void many(String type, String field, Source<K, List<E>> source, Function<S, K> key) {
        bind(type, field, new BoundField<>(() -> source, fromParent(key), List.of()));
    }

    /**
     * The field is the list of another department's {@code entity} rows whose ids {@code ids}
     * reads (in this department's store) at the key the parent row gives.
     */
    public <S, K, I> void many(String type, String field, String entity, Scoped<K, List<I>> ids, Function<S, K> key) {
        bind(type, field, new BoundField<K, List<Object>>(() -> Source.links(type + "." + field, ids, entity(entity)),
                fromParent(key), List.of()));
    }

    /** As {@link #many(String, String, String, Scoped, Function)}, with ids that are reference data, cached as {@code kind}. */
    public <S, K, I> void many(String type, String field, String entity, ReferenceKind<K, List<I>> kind,
                               Unscoped<K, List<I>> ids, Function<S, K> key) {
        bind(type, field, new BoundField<K, List<Object>>(() -> Source.cachedLinks(type + "." + field, kind, ids,
                entity(entity)), fromParent(key), List.of()));
    }

    /**
     * The value of {@code source} at the key read from the field's environment: its arguments (a
     * root field's id), and below the root its parent and the caller's scope too.
     */
    public <K, V> void byArguments(String type, String field, Source<K, V> source, Function<DataFetchingEnvironment, K> key) {
        bind(type, field, new BoundField<>(() -> source, key, null));
    }

    /** As {@link #byArguments(String, String, Source, Function)}, with another department's entity. */
    public <K> void byArguments(String type, String field, String entity, Function<DataFetchingEnvironment, K> key) {
        bind(type, field, new BoundField<K, Object>(() -> entity(entity), key, null));
    }

    /**
     * A connection under the region {@code region} gives (its parent's code, or an argument at
     * the root), filtered by what {@code filter} reads from the arguments, a page from
     * {@code pages} and its totalCount from {@code counts}; {@code positionOf} is a row's keyset
     * position for its cursor.
     */
    public <F, T> void connection(String type, String field, Function<DataFetchingEnvironment, String> region,
                                  Function<DataFetchingEnvironment, F> filter, Source<UnderRegion.PageKey<F>, Page<T>> pages,
                                  Source<UnderRegion.CountKey<F>, Integer> counts, Function<T, String> positionOf) {
        FieldCoordinates coordinates = FieldCoordinates.coordinates(type, field);
        if (fields.containsKey(coordinates)
                || connections.putIfAbsent(coordinates, new ConnectionField<>(region, filter, () -> pages, () -> counts,
                positionOf)) != null) {
            throw new IllegalStateException(type + "." + field + " is bound twice");
        }
    }

    /** The count under the region {@code region} gives, unfiltered; 0 for a region outside the caller's scope. */
    public <F> void count(String type, String field, Function<DataFetchingEnvironment, String> region, F unfiltered,
                          Source<UnderRegion.CountKey<F>, Integer> counts) {
        bind(type, field, new BoundField<UnderRegion.CountKey<F>, Integer>(() -> counts, env ->
                Caller.of(env).scope().narrow(region.apply(env))
                        .map(code -> new UnderRegion.CountKey<>(code, unfiltered)).orElse(null), 0));
    }

    /** A key read from the parent row, for the kinds that take the environment. */
    @SuppressWarnings("unchecked")
    public static <S, K> Function<DataFetchingEnvironment, K> parent(Function<S, K> key) {
        return env -> key.apply((S) env.getSource());
    }

    /** The source of {@code type}'s rows, for a fetcher that loads one outside the table. */
    <K, V> Source<K, V> source(String type) {
        return entity(type);
    }

    Map<FieldCoordinates, BoundField<?, ?>> fields() {
        return fields;
    }

    Map<FieldCoordinates, ConnectionField<?, ?>> connections() {
        return connections;
    }

    @SuppressWarnings("unchecked")
    private <K, V> Source<K, V> entity(String type) {
        Source<?, ?> source = entities.get(type);
        if (source == null) {
            throw new IllegalStateException("No department declares the entity " + type);
        }
        return (Source<K, V>) source;
    }

    private void bind(String type, String field, BoundField<?, ?> bound) {
        if (connections.containsKey(FieldCoordinates.coordinates(type, field)) || fields.putIfAbsent(FieldCoordinates.coordinates(type, field), bound) != null) {
            throw new IllegalStateException(type + "." + field + " is bound twice");
        }
    }

    @SuppressWarnings("unchecked")
    private static <S, K> Function<DataFetchingEnvironment, K> fromParent(Function<S, K> key) {
        return env -> key.apply((S) env.getSource());
    }
}
