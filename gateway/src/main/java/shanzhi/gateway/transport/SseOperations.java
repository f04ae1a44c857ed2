package shanzhi.gateway.transport;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;

import shanzhi.api.ErrorCode;

/**
 * SSE carries subscriptions only. Spring's SSE handler would run a query or mutation in full and
 * then throw its answer away ("SSE handler supports only subscriptions"): the stores' work for
 * nothing, on a route admission control does not count (it cannot tell a subscription from a
 * query before the body is parsed). So the operation is refused here, once validated and measured
 * (a query over a limit is told about the limit first) and before any field is fetched.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after the limits: they say what is wrong with the operation itself
public class SseOperations extends SimplePerformantInstrumentation {
    /** GraphQL context key StreamedResponses sets for a request that came as SSE. */
    static final String OVER_SSE = SseOperations.class.getName() + ".overSse";
    static final String QUERIES_WITHOUT_STREAM = "SSE (Accept: text/event-stream) carries subscriptions only: send "
            + "queries and mutations as a plain POST (Accept: application/graphql-response+json or application/json)";

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        var execution = parameters.getExecutionContext();
        if (Boolean.TRUE.equals(execution.getGraphQLContext().get(OVER_SSE))
                && execution.getOperationDefinition().getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            throw new AbortExecutionException(java.util.List.of(GraphqlErrorBuilder.newError()
                    .errorType(ErrorType.OperationNotSupported).message(QUERIES_WITHOUT_STREAM)
                    .extensions(Map.of("code", ErrorCode.BAD_REQUEST.name())).build()));
        }
        return SimpleInstrumentationContext.noOp();
    }
}
