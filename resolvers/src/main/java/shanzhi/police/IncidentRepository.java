package shanzhi.police;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
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
import shanzhi.api.Scope;
import shanzhi.api.ScopeSql;
import shanzhi.api.PageArgs;
import shanzhi.api.Where;
import shanzhi.schema.types.IncidentCategory;
import shanzhi.schema.types.IncidentStatus;

@Repository
public class IncidentRepository {
    private static final String COLUMNS = "i.id, i.category, i.subcategory, i.occurred_at, i.status, i.summary, i.cell_code";
    private static final String UNDER_REGION = "i.cell_code >= r.code AND i.cell_code < r.code || ':'";
    private final DatabaseClient db;

    public IncidentRepository(@Qualifier("securityDatabase") DatabaseClient db) {
        this.db = db;
    }

    public Flux<IncidentRow> findByIds(Collection<Long> ids, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM incident i WHERE i.id = ANY(:ids)" + ScopeSql.covers("i.cell_code")), scope)
                .bind("ids", ids.toArray(Long[]::new))
                .map((row, meta) -> incident(row))
                .all();
    }

    public Mono<Map<Long, List<Long>>> personIdsOf(Collection<Long> incidentIds) {
        return db.sql("SELECT incident_id, person_id FROM incident_person WHERE incident_id = ANY(:ids) "
                        + "ORDER BY incident_id, person_id")
                .bind("ids", incidentIds.toArray(Long[]::new))
                .map((row, meta) -> Map.entry(row.get("incident_id", Long.class), row.get("person_id", Long.class)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** Incidents each person is involved in, newest first. */
    public Mono<Map<Long, List<IncidentRow>>> ofPersons(Collection<Long> personIds, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT ip.person_id, " + COLUMNS + " FROM incident_person ip JOIN incident i ON i.id = ip.incident_id "
                        + "WHERE ip.person_id = ANY(:ids)" + ScopeSql.covers("i.cell_code")
                        + " ORDER BY ip.person_id, i.occurred_at DESC, i.id DESC"), scope)
                .bind("ids", personIds.toArray(Long[]::new))
                .map((row, meta) -> Map.entry(row.get("person_id", Long.class), incident(row)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    public Mono<Map<String, Page<IncidentRow>>> under(Collection<String> codes, IncidentFilter filter, PageArgs page) {
        Cursor.TimeKey after = Cursor.timeAfter(page.after());
        Where where = conditions(filter);
        if (after != null) {
            where.and("(i.occurred_at, i.id) < (:afterAt, :afterId)")
                    .bind("afterAt", after.at().atOffset(ZoneOffset.UTC)).bind("afterId", after.id());
        }
        where.bind("codes", codes.toArray(String[]::new)).bind("limit", page.fetchSize());
        String sql = "SELECT r.code AS scope, " + COLUMNS + " FROM unnest(CAST(:codes AS text[])) AS r(code) "
                + "CROSS JOIN LATERAL (SELECT * FROM incident i WHERE " + UNDER_REGION + where.sql()
                + " ORDER BY i.occurred_at DESC, i.id DESC LIMIT :limit) i ORDER BY r.code, i.occurred_at DESC, i.id DESC";
        return Page.byRegion(where.applyTo(db.sql(sql))
                .map((row, meta) -> Map.entry(row.get("scope", String.class), incident(row))).all(), page);
    }

    public Mono<Map<String, Integer>> countUnder(Collection<String> codes, IncidentFilter filter) {
        Where where = conditions(filter).bind("codes", codes.toArray(String[]::new));
        return where.applyTo(db.sql("SELECT r.code AS scope, (SELECT count(*) FROM incident i WHERE " + UNDER_REGION
                        + where.sql() + ") AS n FROM unnest(CAST(:codes AS text[])) AS r(code)"))
                .map((row, meta) -> Map.entry(row.get("scope", String.class), row.get("n", Long.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Per region: one row per category in enum order, counts of `year` and the year before. */
    public Mono<Map<String, List<IncidentStatRow>>> stats(Collection<String> codes, int year) {
        String sql = "SELECT r.code AS scope, i.category, "
                + "count(*) FILTER (WHERE i.occurred_at >= :yearStart) AS n, "
                + "count(*) FILTER (WHERE i.occurred_at < :yearStart) AS prev "
                + "FROM unnest(CAST(:codes AS text[])) AS r(code) JOIN incident i ON " + UNDER_REGION
                + " AND i.occurred_at >= :prevStart AND i.occurred_at < :yearEnd GROUP BY r.code, i.category";
        return db.sql(sql)
                .bind("codes", codes.toArray(String[]::new))
                .bind("prevStart", DistrictTime.startOfYear(year - 1))
                .bind("yearStart", DistrictTime.startOfYear(year))
                .bind("yearEnd", DistrictTime.startOfYear(year + 1))
                .map((row, meta) -> new Object[]{row.get("scope", String.class),
                        new IncidentStatRow(IncidentCategory.valueOf(row.get("category", String.class)),
                                row.get("n", Long.class).intValue(), row.get("prev", Long.class).intValue())})
                .all()
                .collectList()
                .map(rows -> {
                    Map<String, Map<IncidentCategory, IncidentStatRow>> found = new HashMap<>();
                    rows.forEach(r -> found.computeIfAbsent((String) r[0], c -> new HashMap<>())
                            .put(((IncidentStatRow) r[1]).category(), (IncidentStatRow) r[1]));
                    return codes.stream().distinct().collect(Collectors.toMap(code -> code,
                            code -> Arrays.stream(IncidentCategory.values())
                                    .map(category -> found.getOrDefault(code, Map.of())
                                            .getOrDefault(category, new IncidentStatRow(category, 0, 0)))
                                    .toList()));
                });
    }

    private static Where conditions(IncidentFilter filter) {
        return new Where()
                .and("i.category = :category", "category", filter.category() == null ? null : filter.category().name())
                .and("i.occurred_at >= :fromAt", "fromAt", filter.from() == null ? null : DistrictTime.startOf(filter.from()))
                .and("i.occurred_at < :toAt", "toAt", filter.to() == null ? null : DistrictTime.startOf(filter.to().plusDays(1)));
    }

    private static IncidentRow incident(Row row) {
        return new IncidentRow(row.get("id", Long.class), IncidentCategory.valueOf(row.get("category", String.class)),
                row.get("subcategory", String.class), DistrictTime.local(row.get("occurred_at", OffsetDateTime.class)),
                IncidentStatus.valueOf(row.get("status", String.class)), row.get("summary", String.class),
                row.get("cell_code", String.class));
    }
}
