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
import shanzhi.api.RegionCode;
import shanzhi.api.Where;
import shanzhi.schema.types.RegionLevel;

/** The region tree in the grid store. */
@Repository
public class RegionRepository {
    private static final String COLUMNS = "code, name, level, parent_code";
    private final DatabaseClient db;

    public RegionRepository(@Qualifier("gridDatabase") DatabaseClient db) {
        this.db = db;
    }

    /** Regions the scope sees: under it, or its ancestors (a grid worker sees their village's name). */
    public Flux<RegionRow> findByCodes(Collection<String> codes, Scope scope) {
        return ScopeSql.bind(db.sql("SELECT " + COLUMNS + " FROM region WHERE code = ANY(:codes)" + ScopeSql.sees("code")), scope)
                .bind("codes", codes.toArray(String[]::new))
                .map((row, meta) -> region(row))
                .all();
    }

    /**
     * Regions by code, whoever asks: for the reference cache, whose loaders apply the scope
     * after it ({@link shanzhi.api.ScopeFilter}, the same rule as {@link #findByCodes}).
     */
    public Mono<Map<String, RegionRow>> byCodes(Collection<String> codes) {
        return db.sql("SELECT " + COLUMNS + " FROM region WHERE code = ANY(:codes)")
                .bind("codes", codes.toArray(String[]::new))
                .map((row, meta) -> region(row))
                .all()
                .collectMap(RegionRow::code);
    }

    /** Children of each region ordered by code, whoever asks (for the reference cache, like {@link #byCodes}). */
    public Mono<Map<String, List<RegionRow>>> childrenOf(Collection<String> codes) {
        return db.sql("SELECT " + COLUMNS + " FROM region WHERE parent_code = ANY(:codes) ORDER BY parent_code, code")
                .bind("codes", codes.toArray(String[]::new))
                .map((row, meta) -> region(row))
                .all()
                .collect(Collectors.groupingBy(RegionRow::parentCode, Collectors.toList()));
    }

    public Mono<Page<RegionRow>> ofLevel(RegionLevel level, String under, PageArgs page) {
        Where where = scope(level, under).and("code > :after", "after", Cursor.codeAfter(page.after()))
                .bind("limit", page.fetchSize());
        return where.applyTo(db.sql("SELECT " + COLUMNS + " FROM region WHERE level = :level" + where.sql()
                        + " ORDER BY code LIMIT :limit"))
                .map((row, meta) -> region(row))
                .all()
                .collectList()
                .map(rows -> Page.of(rows, page));
    }

    public Mono<Integer> countOfLevel(RegionLevel level, String under) {
        Where where = scope(level, under);
        return where.applyTo(db.sql("SELECT count(*) AS n FROM region WHERE level = :level" + where.sql()))
                .map((row, meta) -> row.get("n", Long.class).intValue())
                .one();
    }

    private static Where scope(RegionLevel level, String under) {
        Where where = new Where().bind("level", level.name());
        if (under != null) {
            where.and("code >= :under", "under", under).and("code < :underEnd", "underEnd", RegionCode.upperBound(under));
        }
        return where;
    }

    private static RegionRow region(Row row) {
        return new RegionRow(row.get("code", String.class), row.get("name", String.class),
                RegionLevel.valueOf(row.get("level", String.class)), row.get("parent_code", String.class));
    }
}
