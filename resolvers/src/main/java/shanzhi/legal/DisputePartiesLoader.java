package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

import shanzhi.people.PeopleRepository;
import shanzhi.api.Links;
import shanzhi.people.PersonRow;

/** Parties of each dispute: ids from the legal store, persons in one people statement. */
@DgsDataLoader(name = DisputePartiesLoader.NAME)
public class DisputePartiesLoader implements MappedBatchLoader<Long, List<PersonRow>> {
    public static final String NAME = "disputeParties";
    private final DisputeRepository disputes;
    private final PeopleRepository people;

    public DisputePartiesLoader(DisputeRepository disputes, PeopleRepository people) {
        this.disputes = disputes;
        this.people = people;
    }

    @Override
    public CompletionStage<Map<Long, List<PersonRow>>> load(Set<Long> keys) {
        return Links.resolve(disputes.partyIdsOf(keys), people::findByIds, PersonRow::id).toFuture();
    }
}
