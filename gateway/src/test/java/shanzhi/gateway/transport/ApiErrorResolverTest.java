package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import graphql.GraphQLError;
import graphql.Scalars;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionId;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;

/**
 * A field still pending when its request is cancelled is resolved here, which is what keeps it
 * away from DGS's fallback handler (that one logs an ERROR with a stack trace for every such field).
 * Any failure that is none of the API's own errors is INTERNAL with the request id, never the
 * exception's message (DGS's fallback would show it: the SQL and the driver's class names).
 */
@ExtendWith(OutputCaptureExtension.class)
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

    @Test
    void anyOtherFailureIsInternalWithTheRequestIdOnlyAndNoSqlNorClassName(CapturedOutput log) {
        RuntimeException driver = new IllegalStateException(
                "io.r2dbc.postgresql.ExceptionFactory$PostgresqlBadGrammarException: [22021] invalid byte sequence "
                        + "for encoding \"UTF8\": 0x00; SELECT p.id, p.name FROM person p WHERE p.name LIKE $1");
        List<GraphQLError> errors = new ApiErrorResolver().resolveException(driver, env()).block();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getExtensions()).containsEntry("code", "INTERNAL").containsEntry("requestId", "request-42");
            assertThat(error.getMessage()).isEqualTo("Internal error (request id request-42)");
            assertThat(error.getPath()).containsExactly("region", "population");
        });
        assertThat(log.getOut() + log.getErr()).as("the log has the detail under the same request id")
                .contains("request request-42").contains("SELECT p.id");
    }

    private static DataFetchingEnvironment env() {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .mergedField(MergedField.newMergedField(new Field("population")).build())
                .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo().type(Scalars.GraphQLInt)
                        .path(ResultPath.parse("/region/population")).build())
                .executionId(ExecutionId.from("request-42"))
                .build();
    }
}
