package shanzhi.gateway.engine;

import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;

/**
 * The query strategy of one execution: the plan of the operation when there is one, else the
 * reference strategy it replaces (graphql-java's, with the same exception handler).
 */
final class PlannedQueries extends ExecutionStrategy {
    private final ExecutionStrategy reference;
    private final DataFetcherExceptionHandler exceptions;
    private final Plans plans;
    private final EngineMeters meters;

    PlannedQueries(ExecutionStrategy reference, DataFetcherExceptionHandler exceptions, Plans plans, EngineMeters meters) {
        super(exceptions);
        this.reference = reference;
        this.exceptions = exceptions;
        this.plans = plans;
        this.meters = meters;
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext execution, ExecutionStrategyParameters parameters) {
        Planner.Planning planning = plans.of(execution);
        if (planning.plan() == null) {
            meters.reference(planning.declined());
            return reference.execute(execution, parameters);
        }
        meters.planned();
        return new PlanRun(execution, exceptions, planning.plan(), parameters.getExecutionStepInfo(), parameters.getSource(),
                parameters.getLocalContext()).run();
    }
}
