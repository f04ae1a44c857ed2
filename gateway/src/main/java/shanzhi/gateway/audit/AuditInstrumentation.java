package shanzhi.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

import org.springframework.stereotype.Component;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.SelectedField;
import reactor.core.publisher.Mono;
import shanzhi.api.Connection;
import shanzhi.grid.RegionRow;
import shanzhi.people.PersonRow;

/**
 * Tells the request's AuditCollector which persons its response reveals. Recorded where persons
 * enter the response: every field whose type is Person, a list of Person or a connection of
 * Person (a lookup, a resident list, a household's members, a dispute's parties, an incident's or
 * grid event's persons), with the ids of every row it returns, whatever the client selected below
 * it: an id, a cursor, pageInfo or __typename alone already say who matched. The Person fields
 * selected (and Household.address) are recorded as the fields read. A connection of persons is
 * also recorded by name, parent and keyed hash of its filter, and even when only its totalCount
 * is read under a filter (a count under a name and a care tag says whether someone carries it);
 * unfiltered counts are the population, which is not personal. A lookup of a person (a root
 * field) that finds nobody in the caller's scope is a refusal, with the keyed hash of the key
 * looked up: probing leaves a trace, the client is told nothing more than "null".
 * <p>
 * The recording fetchers are put around those fields once per schema (instrumentSchema, cached
 * by the schema's identity), outermost as instrumentDataFetcher would, so nothing is decided per
 * fetch, and plain Person fields stay plain.
 */
@Component
public class AuditInstrumentation extends SimplePerformantInstrumentation {
    static final String PERSON = "Person";
    private static final String QUERY = "Query";
    /** Mutations that write personal data, and the input field that names the persons. */
    private static final Map<String, String> PERSON_WRITES = Map.of(
            "reportGridEvent", "personIds",
            "registerDispute", "partyIds");
    private static final String ADDRESS = "Household.address";
    /**
     * Root fields about one person named by an argument whose type is not a Person (a person's
     * access history), and that argument. Answering at all says the person exists in the caller's
     * scope, and what they answer is about that person: the person is recorded with the field's
     * name as the field read; a null answer (nobody in scope) is a refusal like a lookup's.
     */
    private static final Map<String, String> PERSON_SUBJECTS = Map.of(
            "personAccessHistory", "personId");

    private final AuditHashes hashes;

    public AuditInstrumentation(AuditHashes hashes) {
        this.hashes = hashes;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        AuditCollector collector = parameters.getExecutionContext().getGraphQLContext().get(AuditCollector.class);
        if (collector != null) {
            OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
            collector.operation(operation.getOperation().name().toLowerCase(), operation.getName());
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public GraphQLSchema instrumentSchema(GraphQLSchema schema, InstrumentationExecutionParameters parameters,
                                          InstrumentationState state) {
        Instrumented last = instrumented;
        if (last == null || last.original() != schema) {
            last = new Instrumented(schema, recording(schema));
            instrumented = last;
        }
        return last.schema();
    }

    private record Instrumented(GraphQLSchema original, GraphQLSchema schema) {
    }

    private volatile Instrumented instrumented;

    /** How a field brings persons into the response. */
    private enum Reveals { PERSONS, PERSON_CONNECTION }

    private GraphQLSchema recording(GraphQLSchema schema) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(codes -> {
            for (GraphQLType type : schema.getAllTypesAsList()) {
                if (!(type instanceof GraphQLObjectType object) || object.getName().startsWith("__")) {
                    continue;
                }
                for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    Reveals reveals = reveals(field.getType());
                    if (reveals == null) {
                        continue;
                    }
                    FieldCoordinates coordinates = FieldCoordinates.coordinates(object, field);
                    DataFetcher<?> fetcher = codes.getDataFetcher(coordinates, field);
                    String coordinate = object.getName() + "." + field.getName();
                    boolean lookup = QUERY.equals(object.getName()) && reveals == Reveals.PERSONS
                            && !(GraphQLTypeUtil.unwrapNonNull(field.getType()) instanceof GraphQLList);
                    codes.dataFetcher(coordinates, (DataFetcher<Object>) env -> {
                        AuditCollector collector = collector(env);
                        return whenResolved(fetcher.get(env), value -> {
                            if (reveals == Reveals.PERSONS) {
                                persons(env, collector, coordinate, lookup, value);
                            } else {
                                connection(env, collector, coordinate, value);
                            }
                        });
                    });
                }
            }
            GraphQLObjectType mutation = schema.getMutationType();
            if (mutation != null) {
                PERSON_WRITES.forEach((name, personsInput) -> {
                    GraphQLFieldDefinition field = mutation.getFieldDefinition(name);
                    if (field == null) {
                        return;
                    }
                    FieldCoordinates coordinates = FieldCoordinates.coordinates(mutation, field);
                    DataFetcher<?> fetcher = codes.getDataFetcher(coordinates, field);
                    String what = name + "." + personsInput;
                    codes.dataFetcher(coordinates, (DataFetcher<Object>) env -> {
                        collector(env).written(what, ids(env, personsInput));
                        return fetcher.get(env);
                    });
                });
            }
            GraphQLObjectType query = schema.getQueryType();
            PERSON_SUBJECTS.forEach((name, personArgument) -> {
                GraphQLFieldDefinition field = query.getFieldDefinition(name);
                if (field == null) {
                    return;
                }
                FieldCoordinates coordinates = FieldCoordinates.coordinates(query, field);
                DataFetcher<?> fetcher = codes.getDataFetcher(coordinates, field);
                String coordinate = QUERY + "." + name;
                codes.dataFetcher(coordinates, (DataFetcher<Object>) env -> {
                    AuditCollector collector = collector(env);
                    return whenResolved(fetcher.get(env), value -> {
                        Object person = env.getArgument(personArgument);
                        if (value != null) {
                            // answered: the fetcher accepted the id, so it parses
                            collector.persons(List.of(Long.parseLong(String.valueOf(person))), List.of(name));
                        } else {
                            collector.refused("scope " + coordinate + " key="
                                    + hashes.value(coordinate, Map.of(personArgument, String.valueOf(person))));
                        }
                    });
                });
            });
        });
        return schema.transformWithoutTypes(builder -> builder.codeRegistry(registry));
    }

    /** Person or a list of Person; or a connection whose edges' node is a Person. */
    private static Reveals reveals(GraphQLOutputType type) {
        GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
        if (!(named instanceof GraphQLObjectType object)) {
            return null;
        }
        if (PERSON.equals(object.getName())) {
            return Reveals.PERSONS;
        }
        GraphQLFieldDefinition edges = object.getFieldDefinition("edges");
        if (edges != null && GraphQLTypeUtil.unwrapAll(edges.getType()) instanceof GraphQLObjectType edge
                && edge.getFieldDefinition("node") != null
                && GraphQLTypeUtil.unwrapAll(edge.getFieldDefinition("node").getType()) instanceof GraphQLObjectType node
                && PERSON.equals(node.getName())) {
            return Reveals.PERSON_CONNECTION;
        }
        return null;
    }

    private void persons(DataFetchingEnvironment env, AuditCollector collector, String coordinate, boolean lookup,
                         Object value) {
        List<Long> ids = new ArrayList<>();
        if (value instanceof PersonRow person) {
            ids.add(person.id());
        } else if (value instanceof Iterable<?> rows) {
            rows.forEach(row -> {
                if (row instanceof PersonRow person) {
                    ids.add(person.id());
                }
            });
        }
        if (!ids.isEmpty()) {
            collector.persons(ids, fieldsRead(env.getSelectionSet(), ""));
        } else if (lookup && value == null) {
            collector.refused("scope " + coordinate + " key=" + hashes.value(coordinate, env.getArguments()));
        }
    }

    private void connection(DataFetchingEnvironment env, AuditCollector collector, String coordinate, Object value) {
        if (!(value instanceof Connection<?> connection)) {
            return;
        }
        DataFetchingFieldSelectionSet selection = env.getSelectionSet();
        boolean rowsShown = selection.contains("edges") || selection.contains("pageInfo");
        Map<String, Object> filter = new TreeMap<>(env.getArguments());
        filter.keySet().removeAll(List.of("first", "after", "under"));
        filter.values().removeIf(argument -> argument == null || argument instanceof Map<?, ?> map && map.isEmpty());
        if (!rowsShown && filter.isEmpty()) {
            return;
        }
        StringBuilder entry = new StringBuilder(coordinate);
        Object parent = env.getSource() instanceof RegionRow region ? region.code() : env.getArgument("under");
        if (parent != null) {
            entry.append(" region=").append(parent);
        }
        if (!filter.isEmpty()) {
            entry.append(" filter=").append(hashes.value(coordinate, filter));
        }
        collector.connection(entry.toString());
        if (rowsShown) {
            List<Long> ids = connection.edges().stream().map(Connection.Edge::node)
                    .filter(PersonRow.class::isInstance).map(row -> ((PersonRow) row).id()).toList();
            collector.persons(ids, fieldsRead(selection, "edges/node/"));
        }
    }

    /** The Person fields selected under {@code prefix} (beyond id and __typename), and Household.address. */
    private static List<String> fieldsRead(DataFetchingFieldSelectionSet selection, String prefix) {
        List<String> read = new ArrayList<>();
        List<SelectedField> fields = prefix.isEmpty() ? selection.getImmediateFields() : selection.getFields(prefix + "*");
        for (SelectedField field : fields) {
            if (!field.getName().equals("id") && !field.getName().startsWith("__")) {
                read.add(field.getName());
            }
        }
        if (selection.contains(prefix + "household/address")) {
            read.add(ADDRESS);
        }
        return read;
    }

    /** Runs {@code record} on the field's value once it is there, in whatever form the fetcher returns it. */
    private static Object whenResolved(Object result, java.util.function.Consumer<Object> record) {
        if (result instanceof CompletionStage<?> pending) {
            return pending.thenApply(value -> {
                record.accept(unwrap(value));
                return value;
            });
        }
        if (result instanceof Mono<?> mono) {
            return mono.doOnSuccess(value -> record.accept(unwrap(value)));
        }
        record.accept(unwrap(result));
        return result;
    }

    private static Object unwrap(Object value) {
        return value instanceof DataFetcherResult<?> result ? result.getData() : value;
    }

    /** Without a collector the read could not be audited: the field fails rather than leak. */
    private static AuditCollector collector(DataFetchingEnvironment env) {
        GraphQLContext context = env.getGraphQlContext();
        AuditCollector collector = context.get(AuditCollector.class);
        if (collector == null) {
            throw new IllegalStateException("No audit collector in the GraphQL context: personal data is not served");
        }
        return collector;
    }

    /** Well-formed ids of the input list; malformed ones name nobody (the mutation rejects them). */
    private static List<Long> ids(DataFetchingEnvironment env, String inputField) {
        Object input = env.getArgument("input");
        List<Long> ids = new ArrayList<>();
        if (input instanceof Map<?, ?> map && map.get(inputField) instanceof List<?> list) {
            for (Object id : list) {
                try {
                    ids.add(Long.parseLong(String.valueOf(id)));
                } catch (NumberFormatException malformed) {
                    // not an id of anyone: nothing about a person is written
                }
            }
        }
        return ids;
    }
}
