package shanzhi.legal;

import java.util.concurrent.CompletableFuture;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.InputArgument;

import shanzhi.api.Connection;
import shanzhi.api.ConnectionUnderRegion;
import shanzhi.api.Cursor;
import shanzhi.grid.RegionRow;
import shanzhi.schema.types.DisputeStatus;

/** Disputes under a region or a judicial office's town, newest first, in the caller's scope. */
@DgsComponent
public class DisputeConnections {

    @DgsData(parentType = "Region", field = "disputes")
    public CompletableFuture<Connection<DisputeRow>> regionDisputes(@InputArgument DisputeStatus status,
                                                                   DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        return disputesUnder(env, region.code(), status);
    }

    @DgsData(parentType = "JudicialOffice", field = "disputes")
    public CompletableFuture<Connection<DisputeRow>> officeDisputes(@InputArgument DisputeStatus status,
                                                                   DgsDataFetchingEnvironment env) {
        JudicialOfficeRow office = env.getSource();
        return disputesUnder(env, office.townCode(), status);
    }

    private static CompletableFuture<Connection<DisputeRow>> disputesUnder(DgsDataFetchingEnvironment env,
                                                                          String regionCode, DisputeStatus status) {
        return ConnectionUnderRegion.load(env, DisputesUnderLoader.NAME, DisputeCountLoader.NAME, regionCode, status,
                (DisputeRow dispute) -> Cursor.ofTime(dispute.reportedAt().toInstant(), dispute.id()));
    }
}
