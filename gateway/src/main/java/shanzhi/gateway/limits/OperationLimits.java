package shanzhi.gateway.limits;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Document;

/**
 * Measures the operation once it is parsed and validated and before its first field is fetched
 * (the point where graphql-java's own MaxQueryDepthInstrumentation works), and aborts it when it
 * goes over a limit: the response then has the limit errors and no data, and no store was asked.
 * The measures are taken over the operation as it would execute (see {@link ShapeMeasure}).
 * <p>
 * Building the normalized operation is a visible cost per request in the benchmark's profile,
 * so a shape is kept per (document, operation, variables): the preparsed-document cache hands out
 * the same Document instance for the same text, and the shape depends on nothing else. The
 * shapes are bounded by {@link OperationWeight}.
 */
@Component
public class OperationLimits extends SimplePerformantInstrumentation {
    private static final Logger log = LoggerFactory.getLogger(OperationLimits.class);

    private final LimitsProperties limits;
    private final CostModel costModel;
    private final Cache<ShapeKey, OperationShape> shapes = Caffeine.newBuilder()
            .maximumWeight(16L * 1024 * 1024)
            .weigher((ShapeKey key, OperationShape shape) -> OperationWeight.of(key.length(), key.variables()))
            .build();

    public OperationLimits(LimitsProperties limits) {
        this.limits = limits;
        this.costModel = new CostModel(limits.assumedListSize());
    }

    /**
     * Documents compare by identity (graphql-java's nodes do not override equals); the length of
     * the document's text weighs the entry and is not part of equality.
     */
    private record ShapeKey(Document document, String operationName, Map<String, Object> variables, int length) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ShapeKey key && key.document == document
                    && java.util.Objects.equals(key.operationName, operationName) && key.variables.equals(variables);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(document) * 31 + variables.hashCode();
        }
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        String query = execution.getExecutionInput().getQuery();
        OperationShape shape = shapes.get(new ShapeKey(execution.getDocument(),
                execution.getExecutionInput().getOperationName(), execution.getExecutionInput().getVariables(),
                query == null ? 0 : query.length()), key -> measure(execution));
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
