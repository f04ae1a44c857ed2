package shanzhi.legal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import shanzhi.api.Page;
import shanzhi.api.Filer;
import shanzhi.api.Scope;
import shanzhi.api.ScopeSql;
import shanzhi.api.PageArgs;
import shanzhi.api.Where;
import shanzhi.schema.types.DisputeCategory;
import shanzhi.schema.types.DisputeStatus;

@Repository
public class DisputeRepository {
    private static final String COLUMNS = "d.id, d.category, d.status, d.summary, d.reported_at, d.resolved_at, d.cell_code";
    private static final String UNDER_REGION = "d.cell_code >= r.code AND d.cell_code < r.code || ':'";
    private final DatabaseClient db;

    public DisputeRepository(@Qualifier("legalDatabase") DatabaseClient db) {
        this.db = db;
    }

    public Flux<DisputeRow> findByIds(Collection<Long> ids, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM dispute d WHERE d.id = ANY(:ids)" + ScopeSql.covers("d.cell_code")), scope)
                .bind("ids", ids.toArray(Long[]::new))
                .map((row, meta) -> dispute(row))
                .all();
    }

    /** The dispute this filer sent with this key (keys are the filer's own: another's equal key is not found). */
    public Mono<DisputeRow> findByIdempotencyKey(String key, Filer filer, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM dispute d WHERE d.idempotency_key = :key"
                        + " AND d.filed_by_client = :client AND d.filed_by_subject = :subject" + ScopeSql.covers("d.cell_code")), scope)
                .bind("key", key).bind("client", filer.client()).bind("subject", filer.subject())
                .map((row, meta) -> dispute(row))
                .one();
    }

    /** Party ids of each dispute, ordered by id. */
    public Mono<Map<Long, List<Long>>> partyIdsOf(Collection<Long> disputeIds) {
        return db.sql("SELECT dispute_id, person_id FROM dispute_party WHERE dispute_id = ANY(:ids) ORDER BY dispute_id, person_id")
                .bind("ids", disputeIds.toArray(Long[]::new))
                .map((row, meta) -> Map.entry(row.get("dispute_id", Long.class), row.get("person_id", Long.class)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** Disputes each person is a party to, newest first. */
    public Mono<Map<Long, List<DisputeRow>>> ofPersons(Collection<Long> personIds, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT dp.person_id, " + COLUMNS + " FROM dispute_party dp JOIN dispute d ON d.id = dp.dispute_id "
                        + "WHERE dp.person_id = ANY(:ids)" + ScopeSql.covers("d.cell_code")
                        + " ORDER BY dp.person_id, d.reported_at DESC, d.id DESC"), scope)
                .bind("ids", personIds.toArray(Long[]::new))
                .map((row, meta) -> Map.entry(row.get("person_id", Long.class), dispute(row)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    public Mono<Map<String, Page<DisputeRow>>> under(Collection<String> codes, DisputeStatus status, PageArgs page) {
        Cursor.TimeKey after = Cursor.timeAfter(page.after());
        Where where = new Where().and("d.status = :status", "status", status == null ? null : status.name());
        if (after != null) {
            where.and("(d.reported_at, d.id) < (:afterAt, :afterId)")
                    .bind("afterAt", after.at().atOffset(ZoneOffset.UTC)).bind("afterId", after.id());
        }
        where.bind("codes", codes.toArray(String[]::new)).bind("limit", page.fetchSize());
        String sql = "SELECT r.code AS scope, " + COLUMNS + " FROM unnest(CAST(:codes AS text[])) AS r(code) "
                + "CROSS JOIN LATERAL (SELECT * FROM dispute d WHERE " + UNDER_REGION + where.sql()
                + " ORDER BY d.reported_at DESC, d.id DESC LIMIT :limit) d ORDER BY r.code, d.reported_at DESC, d.id DESC";
        return Page.byRegion(where.applyTo(db.sql(sql))
                .map((row, meta) -> Map.entry(row.get("scope", String.class), dispute(row))).all(), page);
    }

    public Mono<Map<String, Integer>> countUnder(Collection<String> codes, DisputeStatus status) {
        Where where = new Where().and("d.status = :status", "status", status == null ? null : status.name())
                .bind("codes", codes.toArray(String[]::new));
        return where.applyTo(db.sql("SELECT r.code AS scope, (SELECT count(*) FROM dispute d WHERE " + UNDER_REGION
                        + where.sql() + ") AS n FROM unnest(CAST(:codes AS text[])) AS r(code)"))
                .map((row, meta) -> Map.entry(row.get("scope", String.class), row.get("n", Long.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Dispute and parties in one statement; empty when the filer's idempotency key was already taken. */
    public Mono<DisputeRow> insert(String idempotencyKey, Filer filer, DisputeCategory category, String summary,
                                   String cellCode, List<Long> partyIds) {
        String sql = "WITH ins AS (INSERT INTO dispute (category, status, summary, reported_at, cell_code, idempotency_key, "
                + "filed_by_subject, filed_by_roles, filed_by_client) "
                + "VALUES (:category, 'REPORTED', :summary, now(), :cell, :key, :subject, :roles, :client) "
                + "ON CONFLICT (filed_by_client, filed_by_subject, idempotency_key) DO NOTHING RETURNING *), "
                + "parties AS (INSERT INTO dispute_party (dispute_id, person_id) "
                + "SELECT ins.id, p FROM ins, unnest(CAST(:parties AS bigint[])) AS p) "
                + "SELECT " + COLUMNS + " FROM ins d";
        return db.sql(sql)
                .bind("category", category.name()).bind("summary", summary).bind("cell", cellCode)
                .bind("key", idempotencyKey).bind("parties", partyIds.toArray(Long[]::new))
                .bind("subject", filer.subject()).bind("roles", filer.rolesArray()).bind("client", filer.client())
                .map((row, meta) -> dispute(row))
                .one();
    }

    private static DisputeRow dispute(Row row) {
        return new DisputeRow(row.get("id", Long.class), DisputeCategory.valueOf(row.get("category", String.class)),
                DisputeStatus.valueOf(row.get("status", String.class)), row.get("summary", String.class),
                DistrictTime.local(row.get("reported_at", OffsetDateTime.class)),
                DistrictTime.local(row.get("resolved_at", OffsetDateTime.class)), row.get("cell_code", String.class));
    }
}
