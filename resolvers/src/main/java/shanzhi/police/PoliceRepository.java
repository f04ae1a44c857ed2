package shanzhi.police;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Row;
import reactor.core.publisher.Mono;

/** Police stations and rooms: the security store's reference data. */
@Repository
public class PoliceRepository {
    private final DatabaseClient db;

    public PoliceRepository(@Qualifier("securityDatabase") DatabaseClient db) {
        this.db = db;
    }

    public Mono<Map<Long, PoliceStationRow>> stationsByIds(Collection<Long> ids) {
        return db.sql("SELECT id, name, town_code FROM police_station WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .map((row, meta) -> station(row))
                .all()
                .collectMap(PoliceStationRow::id);
    }

    public Mono<Map<String, PoliceStationRow>> stationsOfTowns(Collection<String> townCodes) {
        return db.sql("SELECT id, name, town_code FROM police_station WHERE town_code = ANY(:codes)")
                .bind("codes", townCodes.toArray(String[]::new))
                .map((row, meta) -> station(row))
                .all()
                .collectMap(PoliceStationRow::townCode);
    }

    public Mono<Map<String, PoliceRoomRow>> roomsOfVillages(Collection<String> villageCodes) {
        return db.sql("SELECT id, name, station_id, village_code FROM police_room WHERE village_code = ANY(:codes)")
                .bind("codes", villageCodes.toArray(String[]::new))
                .map((row, meta) -> room(row))
                .all()
                .collectMap(PoliceRoomRow::villageCode);
    }

    /**
     * Rooms of each station ordered by name, whoever asks: for the reference cache, whose loader
     * keeps the rooms whose village the caller sees ({@link shanzhi.api.ScopeFilter}).
     */
    public Mono<Map<Long, List<PoliceRoomRow>>> roomsOfStations(Collection<Long> stationIds) {
        return db.sql("SELECT id, name, station_id, village_code FROM police_room WHERE station_id = ANY(:ids)"
                        + " ORDER BY station_id, name, id")
                .bind("ids", stationIds.toArray(Long[]::new))
                .map((row, meta) -> room(row))
                .all()
                .collect(Collectors.groupingBy(PoliceRoomRow::stationId, Collectors.toList()));
    }

    private static PoliceStationRow station(Row row) {
        return new PoliceStationRow(row.get("id", Long.class), row.get("name", String.class),
                row.get("town_code", String.class));
    }

    private static PoliceRoomRow room(Row row) {
        return new PoliceRoomRow(row.get("id", Long.class), row.get("name", String.class),
                row.get("station_id", Long.class), row.get("village_code", String.class));
    }
}
