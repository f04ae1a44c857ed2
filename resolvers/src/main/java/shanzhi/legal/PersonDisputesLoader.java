package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;

/** Disputes per person (Person.disputes), newest first. */
@DgsDataLoader(name = PersonDisputesLoader.NAME)
public class PersonDisputesLoader implements MappedBatchLoader<Long, List<DisputeRow>> {
    public static final String NAME = "personDisputes";
    private final DisputeRepository disputes;

    public PersonDisputesLoader(DisputeRepository disputes) {
        this.disputes = disputes;
    }

    @Override
    public CompletionStage<Map<Long, List<DisputeRow>>> load(Set<Long> keys) {
        return disputes.ofPersons(keys).toFuture();
    }
}
