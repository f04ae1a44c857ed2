package shanzhi.police;

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
import shanzhi.grid.RegionRepository;
import shanzhi.grid.SubscribedRegion;

/**
 * Incidents as they are reported, in cells under a region the caller may see; who may subscribe
 * is declared on the field (@allow), as for the incident queries.
 */
@DgsComponent
public class IncidentSubscriptions {
    private final LiveFeed feed;
    private final RegionRepository regions;

    public IncidentSubscriptions(LiveFeed feed, RegionRepository regions) {
        this.feed = feed;
        this.regions = regions;
    }

    @DgsSubscription
    public Publisher<IncidentRow> incidentReported(@InputArgument String under, DgsDataFetchingEnvironment env) {
        Caller caller = Caller.of(env);
        return SubscribedRegion.resolve(regions, caller.scope(), under)
                .flatMapMany(region -> LiveRows.of(feed.follow(LiveEvents.INCIDENT_REPORTED, caller, region),
                        IncidentPayload::row));
    }
}
