package shanzhi.gateway.observability;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meter shanzhi.graphql.operation: the latency of each GraphQL operation from parsing to its
 * result, tagged with the operation's name (bounded, see {@link OperationNames}), its type and
 * its outcome: ok, error (a result with errors, data possibly partial) or invalid (refused
 * before execution: unparseable, invalid, over a limit).
 */
@Component
public class OperationMetrics extends SimplePerformantInstrumentation {
    static final String METER = "shanzhi.graphql.operation";
    private final MeterRegistry registry;
    private final OperationNames names;

    public OperationMetrics(MeterRegistry registry, ObservabilityProperties properties) {
        this.registry = registry;
        this.names = new OperationNames(properties.maxOperationNames());
    }

    private static final class Timing implements InstrumentationState {
        final long started = System.nanoTime();
        volatile String name;
        volatile String type = "unknown";
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Timing();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        if (state instanceof Timing timing) {
            OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
            timing.name = operation.getName();
            timing.type = operation.getOperation().name().toLowerCase(Locale.ROOT);
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
                                                                  InstrumentationState state) {
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
            if (!(state instanceof Timing timing)) {
                return;
            }
            boolean executed = !"unknown".equals(timing.type);
            String outcome = failure != null ? "error"
                    : !executed ? "invalid"
                    : result.getErrors().isEmpty() ? "ok" : "error";
            String name = executed ? timing.name : parameters.getOperation();
            Timer.builder(METER)
                    .description("GraphQL operations by name, type and outcome")
                    .tag("operation", names.tag(name))
                    .tag("type", timing.type)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - timing.started, TimeUnit.NANOSECONDS);
        });
    }
}
