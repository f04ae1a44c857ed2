package shanzhi.people;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Row;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.api.Page;
import shanzhi.api.Scope;
import shanzhi.api.ScopeSql;
import shanzhi.api.PageArgs;
import shanzhi.api.Cursor;
import shanzhi.schema.types.Gender;
import shanzhi.schema.types.PersonTag;
import shanzhi.schema.types.Residency;

/** All SQL of the people store. Every method takes a whole batch of keys: one statement each. */
@Repository
public class PeopleRepository {
    private static final String COLUMNS = "p.id, p.name, p.id_number, p.gender, p.birth_date, p.phone, p.residency, "
            + "p.party_member, p.tags, p.household_id, p.cell_code";

    private final DatabaseClient db;

    public PeopleRepository(@Qualifier("peopleDatabase") DatabaseClient db) {
        this.db = db;
    }

    public Flux<PersonRow> findByIds(Collection<Long> ids, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM person p WHERE p.id = ANY(:ids)" + ScopeSql.covers("p.cell_code")), scope)
                .bind("ids", ids.toArray(Long[]::new))
                .map((row, meta) -> person(row))
                .all();
    }

    public Mono<PersonRow> findByIdNumber(String idNumber, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM person p WHERE p.id_number = :idNumber" + ScopeSql.covers("p.cell_code")), scope)
                .bind("idNumber", idNumber)
                .map((row, meta) -> person(row))
                .one();
    }

    public Flux<HouseholdRow> findHouseholds(Collection<Long> ids, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT id, address, cell_code FROM household WHERE id = ANY(:ids)" + ScopeSql.covers("cell_code")), scope)
                .bind("ids", ids.toArray(Long[]::new))
                .map((row, meta) -> new HouseholdRow(row.get("id", Long.class), row.get("address", String.class),
                        row.get("cell_code", String.class)))
                .all();
    }

    /** Members of each household, ordered by id. */
    public Mono<Map<Long, List<PersonRow>>> membersOf(Collection<Long> householdIds, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM person p WHERE p.household_id = ANY(:ids)" + ScopeSql.covers("p.cell_code")
                        + " ORDER BY p.household_id, p.id"), scope)
                .bind("ids", householdIds.toArray(Long[]::new))
                .map((row, meta) -> person(row))
                .all()
                .collect(Collectors.groupingBy(PersonRow::householdId, Collectors.toList()));
    }

    /** One page of residents under each region code (same criteria and page for the batch). */
    public Mono<Map<String, Page<PersonRow>>> residentsUnder(Collection<String> codes, PersonCriteria criteria,
                                                             PageArgs page) {
        var where = criteria.where()
                .and("p.id > :afterId", "afterId", Cursor.idAfter(page.after()))
                .bind("codes", codes.toArray(String[]::new))
                .bind("limit", page.fetchSize());
        String sql = "SELECT r.code AS scope, " + COLUMNS + " FROM unnest(CAST(:codes AS text[])) AS r(code) "
                + "CROSS JOIN LATERAL (SELECT * FROM person p WHERE " + underRegion(codes) + where.sql()
                + " ORDER BY p.id LIMIT :limit) p ORDER BY r.code, p.id";
        return Page.byRegion(where.applyTo(db.sql(sql))
                .map((row, meta) -> Map.entry(row.get("scope", String.class), person(row))).all(), page);
    }

    /** Number of residents under each region code matching the criteria; counted, not loaded. */
    public Mono<Map<String, Integer>> countUnder(Collection<String> codes, PersonCriteria criteria) {
        var where = criteria.where().bind("codes", codes.toArray(String[]::new));
        String sql = "SELECT r.code AS scope, (SELECT count(*) FROM person p WHERE " + underRegion(codes) + where.sql()
                + ") AS n FROM unnest(CAST(:codes AS text[])) AS r(code)";
        return where.applyTo(db.sql(sql))
                .map((row, meta) -> Map.entry(row.get("scope", String.class), row.get("n", Long.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The subset of ids that name residents, for validating references before a write. */
    public Mono<List<Long>> existing(Collection<Long> ids, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT id FROM person WHERE id = ANY(:ids)" + ScopeSql.covers("cell_code")), scope)
                .bind("ids", ids.toArray(Long[]::new))
                .map((row, meta) -> row.get("id", Long.class))
                .all()
                .collectList();
    }

    /**
     * Residents under the region `r.code` of an unnest()ed batch, written so that the index of
     * the batch's level (see V2__people_region_paths.sql) serves it. A batch holds codes of one
     * length (Source.pagesUnderRegion groups by level), and the length is a validated level, not input.
     */
    private static String underRegion(Collection<String> codes) {
        int length = codes.iterator().next().length();
        return switch (length) {
            case 9, 12, 14 -> "left(p.cell_code, " + length + ") = r.code";
            case 17 -> "p.cell_code = r.code";
            default -> "p.cell_code >= r.code AND p.cell_code < r.code || ':'";
        };
    }

    private static PersonRow person(Row row) {
        String[] tags = row.get("tags", String[].class);
        return new PersonRow(row.get("id", Long.class), row.get("name", String.class),
                row.get("id_number", String.class), Gender.valueOf(row.get("gender", String.class)),
                row.get("birth_date", LocalDate.class), row.get("phone", String.class),
                Residency.valueOf(row.get("residency", String.class)), row.get("party_member", Boolean.class),
                tags == null ? List.of() : Arrays.stream(tags).map(PersonTag::valueOf)
                        .sorted(Comparator.comparingInt(Enum::ordinal)).toList(),
                row.get("household_id", Long.class), row.get("cell_code", String.class));
    }
}
