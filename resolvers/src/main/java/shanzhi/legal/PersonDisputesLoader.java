package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** Disputes per person (Person.disputes), newest first. */
@DgsDataLoader(name = PersonDisputesLoader.NAME)
public class PersonDisputesLoader extends ScopedBatchLoader<Long, List<DisputeRow>> {
    public static final String NAME = "personDisputes";
    private final DisputeRepository disputes;

    public PersonDisputesLoader(DisputeRepository disputes) {
        this.disputes = disputes;
    }

    @Override
    protected Mono<Map<Long, List<DisputeRow>>> load(Set<Long> keys, Scope scope) {
        return disputes.ofPersons(keys, scope);
    }
}
