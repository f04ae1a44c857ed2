package shanzhi.gateway.http;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import graphql.util.TraversalControl;

/**
 * Tells the request's DataRead whether its query selects reference fields only. Decided from the
 * operation as it will run (fragments expanded, @skip/@include applied with the request's
 * variables), once per request, rather than per fetched field: the hot path stays untouched.
 * Mutations and subscriptions are never reference-only.
 */
@Component
public class ReferenceReadInstrumentation extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        DataRead read = execution.getGraphQLContext().get(DataRead.class);
        if (read != null && execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY) {
            try {
                read.referenceOnly(selectsReferenceOnly(execution));
            } catch (RuntimeException unsure) {
                // Caching is an optimisation: when the operation cannot be classified it is no-store
                // and still runs.
                read.referenceOnly(false);
            }
        }
        return super.beginExecuteOperation(parameters, state);
    }

    static boolean selectsReferenceOnly(ExecutionContext execution) {
        AtomicBoolean referenceOnly = new AtomicBoolean(true);
        QueryTraverser.newQueryTraverser()
                .schema(execution.getGraphQLSchema())
                .document(execution.getDocument())
                .operationName(execution.getOperationDefinition().getName())
                .coercedVariables(execution.getCoercedVariables())
                .build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public TraversalControl visitFieldWithControl(QueryVisitorFieldEnvironment field) {
                        if (field.isTypeNameIntrospectionField()
                                || ReferenceFields.contains(field.getFieldsContainer().getName(), field.getFieldDefinition().getName())) {
                            return TraversalControl.CONTINUE;
                        }
                        // One field beyond reference data decides it: the rest need not be looked at.
                        referenceOnly.set(false);
                        return TraversalControl.QUIT;
                    }
                });
        return referenceOnly.get();
    }
}
