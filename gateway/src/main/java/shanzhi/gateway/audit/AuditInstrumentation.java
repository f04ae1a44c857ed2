package shanzhi.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import shanzhi.people.PersonRow;

/**
 * Tells the request's AuditCollector which persons it resolved and which of their fields, and
 * which persons the mutations write about. Every field of type Person goes through here, however
 * the person was reached (a lookup, a resident list, a dispute's parties, an incident's persons,
 * a household's members), because PersonRow is the source object of every Person field. Even an
 * id alone is recorded: a list of ids under a tag filter or as a dispute's parties is personal.
 * <p>
 * The recording fetchers are put around those fields once per schema (instrumentSchema, cached
 * by the schema's identity), outermost as instrumentDataFetcher would: deciding per fetch meant
 * asking every field of every type for its parent type, which builds the DataFetchingEnvironment
 * that graphql-java otherwise skips for plain property fields.
 */
@Component
public class AuditInstrumentation extends SimplePerformantInstrumentation {
    static final String PERSON = "Person";
    static final String ID = "id";
    /** Mutations that write personal data, and the input field that names the persons. */
    private static final Map<String, String> PERSON_WRITES = Map.of(
            "reportGridEvent", "personIds",
            "registerDispute", "partyIds");

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

    private static GraphQLSchema recording(GraphQLSchema schema) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(codes -> {
            if (schema.getType(PERSON) instanceof GraphQLObjectType person) {
                for (GraphQLFieldDefinition field : person.getFieldDefinitions()) {
                    FieldCoordinates coordinates = FieldCoordinates.coordinates(person, field);
                    DataFetcher<?> fetcher = codes.getDataFetcher(coordinates, field);
                    String recorded = ID.equals(field.getName()) ? null : field.getName();
                    codes.dataFetcher(coordinates, (DataFetcher<Object>) env -> {
                        collector(env).person(((PersonRow) env.getSource()).id(), recorded);
                        return fetcher.get(env);
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
        });
        return schema.transformWithoutTypes(builder -> builder.codeRegistry(registry));
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
