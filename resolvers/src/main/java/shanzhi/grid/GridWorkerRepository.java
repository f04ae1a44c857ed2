package shanzhi.grid;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Row;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.api.Cursor;
import shanzhi.api.Page;
import shanzhi.api.Scope;
import shanzhi.api.ScopeSql;
import shanzhi.api.PageArgs;

@Repository
public class GridWorkerRepository {
    private static final String COLUMNS = "w.id, w.name, w.phone, w.party_member, w.grid_code";
    private static final String UNDER_REGION = "w.grid_code >= r.code AND w.grid_code < r.code || ':'";
    private final DatabaseClient db;

    public GridWorkerRepository(@Qualifier("gridDatabase") DatabaseClient db) {
        this.db = db;
    }

    /** Workers serve the public: visible where their grid is seen (under the scope or above it). */
    public Flux<GridWorkerRow> findByIds(Collection<Long> ids, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM grid_worker w WHERE w.id = ANY(:ids)" + ScopeSql.sees("w.grid_code")), scope)
                .bind("ids", ids.toArray(Long[]::new))
                .map((row, meta) -> worker(row))
                .all();
    }

    /** Workers of each party grid, ordered by id. */
    public Mono<Map<String, List<GridWorkerRow>>> ofGrids(Collection<String> gridCodes) {
        return db.sql("SELECT " + COLUMNS + " FROM grid_worker w WHERE w.grid_code = ANY(:codes) ORDER BY w.grid_code, w.id")
                .bind("codes", gridCodes.toArray(String[]::new))
                .map((row, meta) -> worker(row))
                .all()
                .collect(Collectors.groupingBy(GridWorkerRow::gridCode, Collectors.toList()));
    }

    public Mono<Map<String, Page<GridWorkerRow>>> under(Collection<String> codes, PageArgs page) {
        Long after = Cursor.idAfter(page.after());
        String sql = "SELECT r.code AS scope, " + COLUMNS + " FROM unnest(CAST(:codes AS text[])) AS r(code) "
                + "CROSS JOIN LATERAL (SELECT * FROM grid_worker w WHERE " + UNDER_REGION
                + (after == null ? "" : " AND w.id > :after") + " ORDER BY w.id LIMIT :limit) w ORDER BY r.code, w.id";
        var spec = db.sql(sql).bind("codes", codes.toArray(String[]::new)).bind("limit", page.fetchSize());
        if (after != null) {
            spec = spec.bind("after", after);
        }
        return Page.byRegion(spec.map((row, meta) -> Map.entry(row.get("scope", String.class), worker(row))).all(), page);
    }

    public Mono<Map<String, Integer>> countUnder(Collection<String> codes) {
        return db.sql("SELECT r.code AS scope, (SELECT count(*) FROM grid_worker w WHERE " + UNDER_REGION
                        + ") AS n FROM unnest(CAST(:codes AS text[])) AS r(code)")
                .bind("codes", codes.toArray(String[]::new))
                .map((row, meta) -> Map.entry(row.get("scope", String.class), row.get("n", Long.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static GridWorkerRow worker(Row row) {
        return new GridWorkerRow(row.get("id", Long.class), row.get("name", String.class),
                row.get("phone", String.class), row.get("party_member", Boolean.class),
                row.get("grid_code", String.class));
    }
}
