package shanzhi.wiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
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

    /** A root field: the value of {@code source} at the key read from the field's arguments. */
    public <K, V> void root(String type, String field, Source<K, V> source, Function<DataFetchingEnvironment, K> key) {
        bind(type, field, new BoundField<>(() -> source, key, null));
    }

    /** As {@link #root}, with another department's entity. */
    public <K> void root(String type, String field, String entity, Function<DataFetchingEnvironment, K> key) {
        bind(type, field, new BoundField<K, Object>(() -> entity(entity), key, null));
    }

    /** The source of {@code type}'s rows, for a fetcher that loads one outside the table. */
    <K, V> Source<K, V> source(String type) {
        return entity(type);
    }

    Map<FieldCoordinates, BoundField<?, ?>> fields() {
        return fields;
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
        if (fields.putIfAbsent(FieldCoordinates.coordinates(type, field), bound) != null) {
            throw new IllegalStateException(type + "." + field + " is bound twice");
        }
    }

    @SuppressWarnings("unchecked")
    private static <S, K> Function<DataFetchingEnvironment, K> fromParent(Function<S, K> key) {
        return env -> key.apply((S) env.getSource());
    }
}
