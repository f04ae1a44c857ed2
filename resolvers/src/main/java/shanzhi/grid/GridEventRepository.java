package shanzhi.grid;

import java.time.OffsetDateTime;
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
import shanzhi.api.DistrictTime;
import shanzhi.api.Filer;
import shanzhi.api.Page;
import shanzhi.api.Scope;
import shanzhi.api.ScopeSql;
import shanzhi.api.PageArgs;
import shanzhi.api.Where;
import shanzhi.schema.types.GridEventCategory;
import shanzhi.schema.types.GridEventStatus;

/** Grid events, their persons and status history. */
@Repository
public class GridEventRepository {
    private static final String COLUMNS = "e.id, e.category, e.status, e.description, e.reported_at, e.cell_code, e.reporter_id";
    private static final String UNDER_REGION = "e.cell_code >= r.code AND e.cell_code < r.code || ':'";
    private final DatabaseClient db;

    public GridEventRepository(@Qualifier("gridDatabase") DatabaseClient db) {
        this.db = db;
    }

    public Flux<GridEventRow> findByIds(Collection<Long> ids, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM grid_event e WHERE e.id = ANY(:ids)" + ScopeSql.covers("e.cell_code")), scope)
                .bind("ids", ids.toArray(Long[]::new))
                .map((row, meta) -> event(row))
                .all();
    }

    /** The event this filer sent with this key (keys are the filer's own: another's equal key is not found). */
    public Mono<GridEventRow> findByIdempotencyKey(String key, Filer filer, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM grid_event e WHERE e.idempotency_key = :key"
                        + " AND e.filed_by_client = :client AND e.filed_by_subject = :subject" + ScopeSql.covers("e.cell_code")), scope)
                .bind("key", key).bind("client", filer.client()).bind("subject", filer.subject())
                .map((row, meta) -> event(row))
                .one();
    }

    /** Person ids of each event, ordered by id. */
    public Mono<Map<Long, List<Long>>> personIdsOf(Collection<Long> eventIds) {
        return db.sql("SELECT event_id, person_id FROM grid_event_person WHERE event_id = ANY(:ids) ORDER BY event_id, person_id")
                .bind("ids", eventIds.toArray(Long[]::new))
                .map((row, meta) -> Map.entry(row.get("event_id", Long.class), row.get("person_id", Long.class)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    public Mono<Map<String, Page<GridEventRow>>> under(Collection<String> codes, GridEventStatus status, PageArgs page) {
        Cursor.TimeKey after = Cursor.timeAfter(page.after());
        Where where = new Where().and("e.status = :status", "status", status == null ? null : status.name());
        if (after != null) {
            where.and("(e.reported_at, e.id) < (:afterAt, :afterId)")
                    .bind("afterAt", after.at().atOffset(java.time.ZoneOffset.UTC)).bind("afterId", after.id());
        }
        where.bind("codes", codes.toArray(String[]::new)).bind("limit", page.fetchSize());
        String sql = "SELECT r.code AS scope, " + COLUMNS + " FROM unnest(CAST(:codes AS text[])) AS r(code) "
                + "CROSS JOIN LATERAL (SELECT * FROM grid_event e WHERE " + UNDER_REGION + where.sql()
                + " ORDER BY e.reported_at DESC, e.id DESC LIMIT :limit) e ORDER BY r.code, e.reported_at DESC, e.id DESC";
        return Page.byRegion(where.applyTo(db.sql(sql))
                .map((row, meta) -> Map.entry(row.get("scope", String.class), event(row))).all(), page);
    }

    public Mono<Map<String, Integer>> countUnder(Collection<String> codes, GridEventStatus status) {
        Where where = new Where().and("e.status = :status", "status", status == null ? null : status.name())
                .bind("codes", codes.toArray(String[]::new));
        return where.applyTo(db.sql("SELECT r.code AS scope, (SELECT count(*) FROM grid_event e WHERE " + UNDER_REGION
                        + where.sql() + ") AS n FROM unnest(CAST(:codes AS text[])) AS r(code)"))
                .map((row, meta) -> Map.entry(row.get("scope", String.class), row.get("n", Long.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Inserts the event, its persons and its first status change in one statement, so a retry
     * racing the first call either inserts everything or nothing. Empty when the key was taken
     * (by this call's twin): the caller then reads the event the key names. The filer is stored
     * with the event and owns the key.
     */
    public Mono<GridEventRow> insert(String idempotencyKey, Filer filer, GridEventCategory category, String description,
                                     String cellCode, long reporterId, List<Long> personIds) {
        String sql = "WITH ins AS (INSERT INTO grid_event (category, status, description, reported_at, cell_code, "
                + "reporter_id, idempotency_key, filed_by_subject, filed_by_roles, filed_by_client) "
                + "VALUES (:category, 'REPORTED', :description, now(), :cell, :reporter, :key, :subject, :roles, :client) "
                + "ON CONFLICT (filed_by_client, filed_by_subject, idempotency_key) DO NOTHING RETURNING *), "
                + "persons AS (INSERT INTO grid_event_person (event_id, person_id) "
                + "SELECT ins.id, p FROM ins, unnest(CAST(:persons AS bigint[])) AS p), "
                + "history AS (INSERT INTO grid_event_status_change (event_id, from_status, to_status) "
                + "SELECT id, NULL, 'REPORTED' FROM ins) "
                + "SELECT " + COLUMNS + " FROM ins e";
        return db.sql(sql)
                .bind("category", category.name()).bind("description", description).bind("cell", cellCode)
                .bind("reporter", reporterId).bind("key", idempotencyKey)
                .bind("subject", filer.subject()).bind("roles", filer.rolesArray()).bind("client", filer.client())
                .bind("persons", personIds.toArray(Long[]::new))
                .map((row, meta) -> event(row))
                .one();
    }

    /** Moves the event from `from` to `to` and records the change; empty when it was not in `from`. */
    public Mono<GridEventRow> advance(long id, GridEventStatus from, GridEventStatus to, String note, Scope scope) {
        String sql = "WITH moved AS (UPDATE grid_event SET status = :to WHERE id = :id AND status = :from"
                + ScopeSql.covers("cell_code") + " RETURNING *), "
                + "history AS (INSERT INTO grid_event_status_change (event_id, from_status, to_status, note) "
                + "SELECT id, :from, :to, :note FROM moved) "
                + "SELECT " + COLUMNS + " FROM moved e";
        var spec = ScopeSql.bind(db.sql(sql), scope).bind("id", id).bind("from", from.name()).bind("to", to.name());
        spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
        return spec.map((row, meta) -> event(row)).one();
    }

    private static GridEventRow event(Row row) {
        return new GridEventRow(row.get("id", Long.class), GridEventCategory.valueOf(row.get("category", String.class)),
                GridEventStatus.valueOf(row.get("status", String.class)), row.get("description", String.class),
                DistrictTime.local(row.get("reported_at", OffsetDateTime.class)), row.get("cell_code", String.class),
                row.get("reporter_id", Long.class));
    }
}
