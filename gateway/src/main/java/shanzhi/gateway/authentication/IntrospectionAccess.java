package shanzhi.gateway.authentication;


import org.springframework.stereotype.Component;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.introspection.Introspection;
import graphql.schema.DataFetcher;
import shanzhi.api.Caller;
import shanzhi.api.Forbidden;

/**
 * Introspection per role (shanzhi.introspection.roles). The decision is taken once per operation
 * from the caller's roles and written where graphql-java reads it (the request's
 * {@link Introspection#INTROSPECTION_DISABLED}), which refuses __schema and __type wherever they
 * are asked; Query._service, the federation field that prints the whole SDL, follows the same
 * decision here. A caller without a valid token never gets this far (401).
 */
@Component
public class IntrospectionAccess extends SimplePerformantInstrumentation {
    static final String SERVICE = "_service";
    private final IntrospectionProperties properties;

    public IntrospectionAccess(IntrospectionProperties properties) {
        this.properties = properties;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        GraphQLContext context = parameters.getExecutionContext().getGraphQLContext();
        Caller caller = context.get(Caller.class);
        boolean allowed = caller != null && properties.allows(caller.roles());
        context.put(Introspection.INTROSPECTION_DISABLED, !allowed);
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        var step = parameters.getExecutionStepInfo();
        if (step.getPath().getLevel() != 1 || !SERVICE.equals(step.getFieldDefinition().getName())) {
            return dataFetcher;
        }
        return env -> {
            if (Boolean.TRUE.equals(env.getGraphQlContext().get(Introspection.INTROSPECTION_DISABLED))) {
                throw new Forbidden("The schema (" + SERVICE + ", __schema, __type) is not available to your roles; "
                        + "shanzhi.introspection.roles lists the roles that may read it");
            }
            return dataFetcher.get(env);
        };
    }

}
