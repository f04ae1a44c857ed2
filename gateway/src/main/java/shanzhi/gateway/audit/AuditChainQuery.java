package shanzhi.gateway.audit;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;

import graphql.execution.DataFetcherResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Query.auditChain: district administrators verify the trail (its @allow refuses, and records,
 * anyone else), incrementally from the last verified point; the full walk is the operator's
 * command (shanzhi.audit.verify-only).
 */
@DgsComponent
public class AuditChainQuery {
    private final ChainVerifier verifier;

    public AuditChainQuery(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @DgsQuery
    public Mono<DataFetcherResult<ChainStatus>> auditChain(DgsDataFetchingEnvironment env) {
        // One walk per request however often the field is aliased: each alias would walk the whole chain.
        Mono<ChainStatus> walk = env.getGraphQlContext().computeIfAbsent(OneWalk.class, key -> new OneWalk(
                // The verifier reads over JDBC (a server-side cursor): off the event loop.
                Mono.fromCallable(verifier::verifyIncrementally).subscribeOn(Schedulers.boundedElastic()).cache())).status();
        return walk.map(status -> DataFetcherResult.<ChainStatus>newResult().data(status).build());
    }

    private record OneWalk(Mono<ChainStatus> status) {
    }
}
