package shanzhi.gateway.limits;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;

/**
 * Measures the operation once it is parsed and validated and before its first field is fetched
 * (the point where graphql-java's own MaxQueryDepthInstrumentation works), and aborts it when it
 * goes over a limit: the response then has the limit errors and no data, and no store was asked.
 * The measures are taken over the operation as it would execute (see {@link ShapeMeasure}).
 */
@Component
public class OperationLimits extends SimplePerformantInstrumentation {
    private static final Logger log = LoggerFactory.getLogger(OperationLimits.class);

    private final LimitsProperties limits;
    private final CostModel costModel;

    public OperationLimits(LimitsProperties limits) {
        this.limits = limits;
        this.costModel = new CostModel(limits.assumedListSize());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        OperationShape shape = measure(execution);
        log.debug("Operation {} measures {}", execution.getExecutionInput().getOperationName(), shape);
        List<LimitExceeded> exceeded = shape.exceeded(limits);
        if (!exceeded.isEmpty()) {
            List<GraphQLError> errors = exceeded.stream().map(LimitExceeded::toError).toList();
            throw new AbortExecutionException(errors);
        }
        return SimpleInstrumentationContext.noOp();
    }

    OperationShape measure(ExecutionContext execution) {
        // The execution keeps this normalized operation and reuses it for the fields' selection sets.
        return ShapeMeasure.of(execution.getNormalizedQueryTree().get(), execution.getGraphQLSchema(), costModel);
    }
}
