package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.Scalars;

class ApiErrorResolverTest {

    @Test
    void aFieldPendingWhenItsRequestWasCancelledBecomesACancelledErrorWithoutAnErrorLog() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            List<GraphQLError> errors = new ApiErrorResolver()
                    .resolveException(new AbortExecutionException("Execution has been asked to be cancelled"), env())
                    .block();
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getExtensions()).containsEntry("code", "CANCELLED");
                assertThat(error.getPath()).containsExactly("region", "population");
            });
            assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN));
        } finally {
            root.detachAppender(logged);
        }
    }

    private static DataFetchingEnvironment env() {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .mergedField(graphql.execution.MergedField.newMergedField(new Field("population")).build())
                .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo().type(Scalars.GraphQLInt)
                        .path(ResultPath.parse("/region/population")).build())
                .build();
    }
}
