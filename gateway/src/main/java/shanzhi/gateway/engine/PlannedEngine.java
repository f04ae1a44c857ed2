package shanzhi.gateway.engine;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Puts the planned engine in front of graphql-java's query strategy, per execution, before the
 * operation starts (so every instrumentation's beginExecuteOperation, the limits' among them,
 * has run when a plan is executed). graphql-java's strategy stays the reference and the fallback,
 * with the exception handler Spring for GraphQL and DGS gave it, read from it once: the planned
 * engine must turn a fetcher's exception into exactly the error the reference gives.
 */
@Component
public class PlannedEngine extends SimplePerformantInstrumentation {
    /**
     * GraphQL context key: true sends the operation to the reference engine. Set by no production
     * code; the differential test asks both engines the same questions on one instance with it.
     */
    public static final String REFERENCE = PlannedEngine.class.getName() + ".reference";
    private final EngineProperties properties;
    private final Plans plans = new Plans();
    private final EngineMeters meters;
    private final Map<ExecutionStrategy, PlannedQueries> strategies = new ConcurrentHashMap<>();

    public PlannedEngine(EngineProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.meters = new EngineMeters(registry);
    }

    @Override
    public ExecutionContext instrumentExecutionContext(ExecutionContext execution, InstrumentationExecutionParameters parameters,
                                                       InstrumentationState state) {
        if (execution.getOperationDefinition() == null
                || execution.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY) {
            return execution;
        }
        if (!properties.planned()) {
            meters.reference("disabled");
            return execution;
        }
        if (Boolean.TRUE.equals(execution.getGraphQLContext().get(REFERENCE))) {
            meters.reference("asked");
            return execution;
        }
        ExecutionStrategy reference = execution.getQueryStrategy();
        if (reference instanceof PlannedQueries) {
            return execution;
        }
        PlannedQueries planned = strategies.computeIfAbsent(reference,
                strategy -> new PlannedQueries(strategy, exceptionHandlerOf(strategy), plans, meters));
        return execution.transform(builder -> builder.queryStrategy(planned));
    }

    /** The handler graphql-java's strategy was built with (a protected field of every ExecutionStrategy). */
    static DataFetcherExceptionHandler exceptionHandlerOf(ExecutionStrategy strategy) {
        try {
            Field handler = ExecutionStrategy.class.getDeclaredField("dataFetcherExceptionHandler");
            handler.setAccessible(true);
            return (DataFetcherExceptionHandler) handler.get(strategy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("graphql-java's ExecutionStrategy no longer holds its exception handler in "
                    + "dataFetcherExceptionHandler: the planned engine cannot give the reference's errors", e);
        }
    }
}
