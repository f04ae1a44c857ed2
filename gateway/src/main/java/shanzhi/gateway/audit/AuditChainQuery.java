package shanzhi.gateway.audit;

import java.util.Map;

import org.springframework.graphql.execution.ErrorType;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import shanzhi.api.Caller;
import shanzhi.api.Role;

/** Query.auditChain: district administrators verify the trail; anyone else gets FORBIDDEN. */
@DgsComponent
public class AuditChainQuery {
    private final ChainVerifier verifier;

    public AuditChainQuery(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @DgsQuery
    public Mono<DataFetcherResult<ChainStatus>> auditChain(DgsDataFetchingEnvironment env) {
        if (!Caller.of(env).has(Role.DISTRICT_ADMIN)) {
            return Mono.just(DataFetcherResult.<ChainStatus>newResult()
                    .error(GraphqlErrorBuilder.newError(env)
                            .errorType(ErrorType.FORBIDDEN)
                            .message("Only a district administrator may verify the audit trail")
                            .extensions(Map.of("code", "FORBIDDEN"))
                            .build())
                    .build());
        }
        // The verifier reads over JDBC (a server-side cursor): off the event loop.
        return Mono.fromCallable(verifier::verify)
                .subscribeOn(Schedulers.boundedElastic())
                .map(status -> DataFetcherResult.<ChainStatus>newResult().data(status).build());
    }
}
