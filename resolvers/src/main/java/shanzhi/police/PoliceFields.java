package shanzhi.security;

import java.time.LocalDate;
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
import shanzhi.api.BadUserInput;
import shanzhi.api.Caller;
import shanzhi.api.Connection;
import shanzhi.api.ConnectionUnderRegion;
import shanzhi.api.Cursor;
import shanzhi.api.Ids;
import shanzhi.api.RegionCode;
import shanzhi.grid.RegionLoader;
import shanzhi.grid.RegionRow;
import shanzhi.people.PersonRow;
import shanzhi.schema.types.IncidentCategory;
import shanzhi.schema.types.RegionLevel;

/** Every field whose data the security store holds, wherever it sits in the schema. */
@DgsComponent
public class SecurityFields {

    /** Per-item fields as plain fetchers (see BatchedField). */
    @DgsCodeRegistry
    public GraphQLCodeRegistry.Builder batchedFields(GraphQLCodeRegistry.Builder registry, TypeDefinitionRegistry types) {
        return registry.dataFetcher(FieldCoordinates.coordinates("Incident", "persons"),
                new BatchedField<IncidentRow, Long, List<PersonRow>>(IncidentPersonsLoader.NAME, IncidentRow::id, List.of()));
    }
    private static final int FIRST_YEAR = 1949;
    private static final int LAST_YEAR = 2100;

    @DgsQuery
    public CompletableFuture<IncidentRow> incident(@InputArgument String id, DgsDataFetchingEnvironment env) {
        return ScopedBatchLoader.<Long, IncidentRow>load(env, IncidentLoader.NAME, Ids.parse(id, "incident"));
    }

    @DgsData(parentType = "Region", field = "policeStation")
    public CompletableFuture<PoliceStationRow> regionStation(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        if (region.level() != RegionLevel.TOWN) {
            return CompletableFuture.completedFuture(null);
        }
        return stationOfTown(env, region.code());
    }

    @DgsData(parentType = "Region", field = "policeRoom")
    public CompletableFuture<PoliceRoomRow> regionRoom(DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        if (region.level() != RegionLevel.VILLAGE) {
            return CompletableFuture.completedFuture(null);
        }
        return ScopedBatchLoader.<String, PoliceRoomRow>load(env, PoliceRoomOfVillageLoader.NAME, region.code());
    }

    @DgsData(parentType = "Region", field = "incidents")
    public CompletableFuture<Connection<IncidentRow>> regionIncidents(@InputArgument IncidentCategory category,
                                                                     @InputArgument LocalDate from,
                                                                     @InputArgument LocalDate to,
                                                                     DgsDataFetchingEnvironment env) {
        RegionRow region = env.getSource();
        return ConnectionUnderRegion.load(env, IncidentsUnderLoader.NAME, IncidentCountLoader.NAME, region.code(),
                new IncidentFilter(category, from, to),
                (IncidentRow incident) -> Cursor.ofTime(incident.occurredAt().toInstant(), incident.id()));
    }

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
        return ScopedBatchLoader.<IncidentStatsLoader.Key, List<IncidentStatRow>>load(env, IncidentStatsLoader.NAME, new IncidentStatsLoader.Key(visible, year));
    }

    @DgsData(parentType = "Incident", field = "region")
    public CompletableFuture<RegionRow> incidentRegion(DgsDataFetchingEnvironment env) {
        IncidentRow incident = env.getSource();
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, incident.cellCode());
    }

    @DgsData(parentType = "Incident", field = "policeStation")
    public CompletableFuture<PoliceStationRow> incidentStation(DgsDataFetchingEnvironment env) {
        IncidentRow incident = env.getSource();
        return stationOfTown(env, RegionCode.townOf(incident.cellCode()));
    }

    @DgsData(parentType = "PoliceStation", field = "town")
    public CompletableFuture<RegionRow> stationTown(DgsDataFetchingEnvironment env) {
        PoliceStationRow station = env.getSource();
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, station.townCode());
    }

    @DgsData(parentType = "PoliceStation", field = "rooms")
    public CompletableFuture<List<PoliceRoomRow>> stationRooms(DgsDataFetchingEnvironment env) {
        PoliceStationRow station = env.getSource();
        return ScopedBatchLoader.<Long, List<PoliceRoomRow>>load(env, StationRoomsLoader.NAME, station.id()).thenApply(found -> found == null ? List.of() : found);
    }

    @DgsData(parentType = "PoliceRoom", field = "station")
    public CompletableFuture<PoliceStationRow> roomStation(DgsDataFetchingEnvironment env) {
        PoliceRoomRow room = env.getSource();
        return ScopedBatchLoader.<Long, PoliceStationRow>load(env, PoliceStationLoader.NAME, room.stationId());
    }

    @DgsData(parentType = "PoliceRoom", field = "village")
    public CompletableFuture<RegionRow> roomVillage(DgsDataFetchingEnvironment env) {
        PoliceRoomRow room = env.getSource();
        if (room.villageCode() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return ScopedBatchLoader.<String, RegionRow>load(env, RegionLoader.NAME, room.villageCode());
    }

    @DgsData(parentType = "Person", field = "incidents")
    public CompletableFuture<List<IncidentRow>> personIncidents(DgsDataFetchingEnvironment env) {
        PersonRow person = env.getSource();
        return ScopedBatchLoader.<Long, List<IncidentRow>>load(env, PersonIncidentsLoader.NAME, person.id()).thenApply(found -> found == null ? List.of() : found);
    }

    private static CompletableFuture<PoliceStationRow> stationOfTown(DgsDataFetchingEnvironment env, String townCode) {
        return ScopedBatchLoader.<String, PoliceStationRow>load(env, PoliceStationOfTownLoader.NAME, townCode);
    }
}
