package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;


@DgsDataLoader(name = DisputeLoader.NAME)
public class DisputeLoader implements MappedBatchLoader<Long, DisputeRow> {
    public static final String NAME = "disputeById";
    private final DisputeRepository disputes;

    public DisputeLoader(DisputeRepository disputes) {
        this.disputes = disputes;
    }

    @Override
    public CompletionStage<Map<Long, DisputeRow>> load(Set<Long> keys) {
        return disputes.findByIds(keys).collectMap(DisputeRow::id, Function.identity()).toFuture();
    }
}
