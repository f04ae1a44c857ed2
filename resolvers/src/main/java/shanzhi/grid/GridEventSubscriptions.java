package shanzhi.grid;

import org.reactivestreams.Publisher;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsSubscription;
import com.netflix.graphql.dgs.InputArgument;

import reactor.core.publisher.Flux;
import shanzhi.api.Caller;
import shanzhi.api.LiveEvents;
import shanzhi.api.LiveFeed;
import shanzhi.api.LiveRows;

/**
 * Grid events as they are reported or change status, in cells under a region the caller may see.
 * Each event is then resolved like a query result (region, reporter, persons through the same
 * loaders, masking and field rules).
 */
@DgsComponent
public class GridEventSubscriptions {
    private final LiveFeed feed;
    private final RegionRepository regions;

    public GridEventSubscriptions(LiveFeed feed, RegionRepository regions) {
        this.feed = feed;
        this.regions = regions;
    }

    @DgsSubscription
    public Publisher<GridEventRow> gridEventReported(@InputArgument String under, DgsDataFetchingEnvironment env) {
        return follow(LiveEvents.GRID_EVENT_REPORTED, under, env);
    }

    @DgsSubscription
    public Publisher<GridEventRow> gridEventChanged(@InputArgument String under, DgsDataFetchingEnvironment env) {
        return follow(LiveEvents.GRID_EVENT_CHANGED, under, env);
    }

    private Flux<GridEventRow> follow(String topic, String under, DgsDataFetchingEnvironment env) {
        Caller caller = Caller.of(env);
        return SubscribedRegion.resolve(regions, caller.scope(), under)
                .flatMapMany(region -> LiveRows.of(feed.follow(topic, caller, region), GridEventPayload::row));
    }
}
