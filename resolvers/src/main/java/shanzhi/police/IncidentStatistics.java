package shanzhi.police;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.InputArgument;

import shanzhi.api.BadUserInput;
import shanzhi.api.Caller;
import shanzhi.api.ScopedBatchLoader;
import shanzhi.grid.RegionRow;

/** Incidents under a region counted by category for a year, in the caller's scope (cached, IncidentStatsLoader). */
@DgsComponent
public class IncidentStatistics {
    private static final int FIRST_YEAR = 1949;
    private static final int LAST_YEAR = 2100;

    @DgsData(parentType = "Region", field = "incidentStats")
    public CompletableFuture<List<IncidentStatRow>> regionStats(@InputArgument Integer year,
                                                               DgsDataFetchingEnvironment env) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new BadUserInput("year must be between " + FIRST_YEAR + " and " + LAST_YEAR + ", got " + year);
        }
        RegionRow region = env.getSource();
        String visible = Caller.of(env).scope().narrow(region.code()).orElse(null);
        if (visible == null) {
            return CompletableFuture.completedFuture(null);
        }
        return ScopedBatchLoader.<IncidentStatsLoader.Key, List<IncidentStatRow>>load(env, IncidentStatsLoader.NAME,
                new IncidentStatsLoader.Key(visible, year));
    }
}
