package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.GraphQLError;
import graphql.Scalars;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;

/**
 * A field still pending when its request is cancelled is resolved here, which is what keeps it
 * away from DGS's fallback handler (that one logs an ERROR with a stack trace for every such field).
 */
class ApiErrorResolverTest {

    @Test
    void aFieldPendingWhenItsRequestWasCancelledBecomesACancelledErrorAtItsPath() {
        List<GraphQLError> errors = new ApiErrorResolver()
                .resolveException(new AbortExecutionException("Execution has been asked to be cancelled"), env())
                .block();
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getExtensions()).containsEntry("code", "CANCELLED");
            assertThat(error.getPath()).containsExactly("region", "population");
        });
    }

    private static DataFetchingEnvironment env() {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .mergedField(MergedField.newMergedField(new Field("population")).build())
                .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo().type(Scalars.GraphQLInt)
                        .path(ResultPath.parse("/region/population")).build())
                .build();
    }
}
