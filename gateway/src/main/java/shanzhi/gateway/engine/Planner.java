package shanzhi.gateway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import graphql.execution.ExecutionContext;
import graphql.introspection.Introspection;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Turns a validated operation into a plan, or says why not. Declined, and answered by the
 * reference engine: anything but a query; the schema's introspection (__schema, __type) and
 * federation's fields (_service, _entities), which graphql-java and the federation library answer
 * with machinery of their own; a selection on an interface or union (this schema's own types have
 * none; the federation _Entity union does); {@code @defer}; an operation that turns off null
 * propagation ({@code @experimental_disableErrorPropagation}).
 */
final class Planner {
    private static final Set<String> FEDERATION = Set.of("_service", "_entities");

    private Planner() {
    }

    /** The plan, or the reason it was declined. */
    record Planning(OperationPlan plan, String declined) {
        static Planning declined(String reason) {
            return new Planning(null, reason);
        }
    }

    private static final class Declined extends RuntimeException {
        Declined(String reason) {
            super(reason, null, false, false);
        }
    }

    static Planning plan(ExecutionContext execution) {
        if (execution.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY) {
            return Planning.declined("not a query");
        }
        if (!execution.propagateErrorsOnNonNullContractFailure()) {
            // @experimental_disableErrorPropagation: graphql-java keeps the partial data there.
            return Planning.declined("error propagation disabled");
        }
        GraphQLSchema schema = execution.getGraphQLSchema();
        ExecutableNormalizedOperation operation = execution.getNormalizedQueryTree().get();
        try {
            List<PlannedField> roots = fields(operation, schema, operation.getTopLevelFields(), true);
            return new Planning(new OperationPlan(schema.getQueryType(), roots), null);
        } catch (Declined declined) {
            return Planning.declined(declined.getMessage());
        }
    }

    private static List<PlannedField> fields(ExecutableNormalizedOperation operation, GraphQLSchema schema,
                                             List<ExecutableNormalizedField> normalized, boolean root) {
        List<PlannedField> planned = new ArrayList<>(normalized.size());
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        for (ExecutableNormalizedField field : normalized) {
            if (field.getObjectTypeNames().size() != 1) {
                throw new Declined("a selection on an abstract type");
            }
            if (!field.getDeferredExecutions().isEmpty()) {
                throw new Declined("@defer");
            }
            String name = field.getName();
            if (root && FEDERATION.contains(name)) {
                throw new Declined("federation");
            }
            GraphQLObjectType parent = schema.getObjectType(field.getSingleObjectTypeName());
            if (Introspection.TypeNameMetaFieldDef.getName().equals(name)) {
                GraphQLFieldDefinition typename = Introspection.TypeNameMetaFieldDef;
                planned.add(new PlannedField(field.getResultKey(), field, operation.getMergedField(field),
                        operation.getQueryDirectives(field), parent, typename, typename.getType(), null, field.getResolvedArguments(),
                        true, null, List.of()));
                continue;
            }
            if (name.startsWith("__")) {
                throw new Declined("introspection");
            }
            GraphQLFieldDefinition definition = parent.getFieldDefinition(name);
            GraphQLOutputType type = definition.getType();
            GraphQLType leaf = GraphQLTypeUtil.unwrapAll(type);
            GraphQLObjectType childType = null;
            List<PlannedField> children = List.of();
            if (leaf instanceof GraphQLObjectType object) {
                childType = object;
                children = fields(operation, schema, field.getChildren(), false);
            } else if (!GraphQLTypeUtil.isLeaf(leaf)) {
                throw new Declined("a selection on an abstract type");
            }
            planned.add(new PlannedField(field.getResultKey(), field, operation.getMergedField(field),
                    operation.getQueryDirectives(field), parent, definition, type,
                    registry.getDataFetcher(parent, definition), field.getResolvedArguments(), false, childType, children));
        }
        return planned;
    }
}
