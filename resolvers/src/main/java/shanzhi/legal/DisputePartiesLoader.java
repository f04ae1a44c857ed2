package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;
import shanzhi.api.Links;
import shanzhi.people.PeopleRepository;
import shanzhi.people.PersonRow;
/** Parties of each dispute: ids from the legal store, persons in one people statement. */
@DgsDataLoader(name = DisputePartiesLoader.NAME)
public class DisputePartiesLoader extends ScopedBatchLoader<Long, List<PersonRow>> {
    public static final String NAME = "disputeParties";
    private final DisputeRepository disputes;
    private final PeopleRepository people;

    public DisputePartiesLoader(DisputeRepository disputes, PeopleRepository people) {
        this.disputes = disputes;
        this.people = people;
    }

    @Override
    protected Mono<Map<Long, List<PersonRow>>> load(Set<Long> keys, Scope scope) {
        return Links.resolve(disputes.partyIdsOf(keys), ids -> people.findByIds(ids, scope), PersonRow::id);
    }
}
