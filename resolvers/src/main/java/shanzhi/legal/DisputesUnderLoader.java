package shanzhi.legal;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Page;
import shanzhi.api.PageArgs;
import shanzhi.api.PagesUnderRegion;
import shanzhi.schema.types.DisputeStatus;

@DgsDataLoader(name = DisputesUnderLoader.NAME)
public class DisputesUnderLoader extends PagesUnderRegion<DisputeStatus, DisputeRow> {
    public static final String NAME = "disputesUnder";
    private final DisputeRepository disputes;

    public DisputesUnderLoader(DisputeRepository disputes) {
        this.disputes = disputes;
    }

    @Override
    protected Mono<Map<String, Page<DisputeRow>>> pages(List<String> regionCodes, DisputeStatus status, PageArgs page) {
        return disputes.under(regionCodes, status, page);
    }
}
