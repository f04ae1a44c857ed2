package shanzhi.legal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.netflix.graphql.dgs.DgsCodeRegistry;
import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.idl.TypeDefinitionRegistry;
import shanzhi.api.BatchedField;
import shanzhi.api.ScopedBatchLoader;
import shanzhi.api.Connection;
import shanzhi.api.ConnectionUnderRegion;
import shanzhi.api.Cursor;
import shanzhi.api.Ids;
import shanzhi.api.RegionCode;
import shanzhi.grid.RegionLoader;
import shanzhi.grid.RegionRow;
import shanzhi.people.PersonRow;
import shanzhi.schema.types.DisputeStatus;
import shanzhi.schema.types.RegionLevel;

/** Every field whose data the legal store holds, wherever it sits in the schema. */
@DgsComponent
public class LegalFields {

    /** Per-item fields as plain fetchers (see BatchedField). */
    @DgsCodeRegistry
    public GraphQLCodeRegistry.Builder batchedFields(GraphQLCodeRegistry.Builder registry, TypeDefinitionRegistry types) {
        return registry.dataFetcher(FieldCoordinates.coordinates("Dispute", "parties"),
                new BatchedField<DisputeRow, Long, List<PersonRow>>(DisputePartiesLoader.NAME, DisputeRow::id, List.of()));
    }

    @DgsQuery
    public CompletableFuture<DisputeRow> dispute(@InputArgument String id, DgsDataFetchingEnvironment env) {
        return ScopedBatchLoader.<Long, DisputeRow>load(env, DisputeLoader.NAME, Ids.parse(id, "dispute"));
    }

    @DgsData(parentType = "Region", field = "legalAdviser")
    public CompletableFuture<LegalAdviserRow> legalAdviser(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        if (region.level() != RegionLevel.VILLAGE) {
            return CompletableFuture.completedFuture(null);
        }
        return ScopedBatchLoader.<String, LegalAdviserRow>load(env, AdviserOfVillageLoader.NAME, region.code());
    }

    @DgsData(parentType = "Region", field = "judicialOffice")
    public CompletableFuture<JudicialOfficeRow> judicialOffice(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        if (region.level() != RegionLevel.TOWN) {
            return CompletableFuture.completedFuture(null);
        }
        return officeOfTown(env, region.code());
    }

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

    @DgsData(parentType = "JudicialOffice", field = "town")
    public CompletableFuture<RegionRow> officeTown(DgsDataFetchingEnvironment env) {
        JudicialOfficeRow office = env.getSource();
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, office.townCode());
    }

    @DgsData(parentType = "LegalAdviser", field = "villages")
    public CompletableFuture<List<RegionRow>> adviserVillages(DgsDataFetchingEnvironment env) {
        LegalAdviserRow adviser = env.getSource();
        return ScopedBatchLoader.<Long, List<RegionRow>>load(env, AdviserVillagesLoader.NAME, adviser.id()).thenApply(found -> found == null ? List.of() : found);
    }

    @DgsData(parentType = "Dispute", field = "region")
    public CompletableFuture<RegionRow> disputeRegion(DgsDataFetchingEnvironment env) {
        DisputeRow dispute = env.getSource();
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, dispute.cellCode());
    }

    @DgsData(parentType = "Dispute", field = "judicialOffice")
    public CompletableFuture<JudicialOfficeRow> disputeOffice(DgsDataFetchingEnvironment env) {
        DisputeRow dispute = env.getSource();
        return officeOfTown(env, RegionCode.townOf(dispute.cellCode()));
    }

    @DgsData(parentType = "Person", field = "disputes")
    public CompletableFuture<List<DisputeRow>> personDisputes(DgsDataFetchingEnvironment env) {
        PersonRow person = env.getSource();
        return ScopedBatchLoader.<Long, List<DisputeRow>>load(env, PersonDisputesLoader.NAME, person.id()).thenApply(found -> found == null ? List.of() : found);
    }

    private static CompletableFuture<JudicialOfficeRow> officeOfTown(DgsDataFetchingEnvironment env, String townCode) {
        return ScopedBatchLoader.<String, JudicialOfficeRow>load(env, JudicialOfficeOfTownLoader.NAME, townCode);
    }

    private static CompletableFuture<Connection<DisputeRow>> disputesUnder(DgsDataFetchingEnvironment env,
                                                                          String regionCode, DisputeStatus status) {
        return ConnectionUnderRegion.load(env, DisputesUnderLoader.NAME, DisputeCountLoader.NAME, regionCode, status,
                (DisputeRow dispute) -> Cursor.ofTime(dispute.reportedAt().toInstant(), dispute.id()));
    }
}
