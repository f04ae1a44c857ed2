package shanzhi.legal;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.CountsUnderRegion;
import shanzhi.schema.types.DisputeStatus;

@DgsDataLoader(name = DisputeCountLoader.NAME)
public class DisputeCountLoader extends CountsUnderRegion<DisputeStatus> {
    public static final String NAME = "disputeCount";
    private final DisputeRepository disputes;

    public DisputeCountLoader(DisputeRepository disputes) {
        this.disputes = disputes;
    }

    @Override
    protected Mono<Map<String, Integer>> counts(List<String> regionCodes, DisputeStatus status) {
        return disputes.countUnder(regionCodes, status);
    }
}
