package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;


@DgsDataLoader(name = DisputeLoader.NAME)
public class DisputeLoader extends ScopedBatchLoader<Long, DisputeRow> {
    public static final String NAME = "disputeById";
    private final DisputeRepository disputes;

    public DisputeLoader(DisputeRepository disputes) {
        this.disputes = disputes;
    }

    @Override
    protected Mono<Map<Long, DisputeRow>> load(Set<Long> keys, Scope scope) {
        return disputes.findByIds(keys, scope).collectMap(DisputeRow::id, Function.identity());
    }
}
