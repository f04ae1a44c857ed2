package shanzhi.legal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Legal advisers and judicial offices: the legal store's reference data. */
@Repository
public class LegalServiceRepository {
    private final DatabaseClient db;

    public LegalServiceRepository(@Qualifier("legalDatabase") DatabaseClient db) {
        this.db = db;
    }

    public Mono<Map<String, LegalAdviserRow>> advisersOfVillages(Collection<String> villageCodes) {
        return db.sql("SELECT v.village_code, a.id, a.name, a.law_firm, a.phone FROM adviser_village v "
                        + "JOIN legal_adviser a ON a.id = v.adviser_id WHERE v.village_code = ANY(:codes)")
                .bind("codes", villageCodes.toArray(String[]::new))
                .map((row, meta) -> Map.entry(row.get("village_code", String.class),
                        new LegalAdviserRow(row.get("id", Long.class), row.get("name", String.class),
                                row.get("law_firm", String.class), row.get("phone", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Village codes each adviser serves, ordered by code. */
    public Mono<Map<Long, List<String>>> villageCodesOf(Collection<Long> adviserIds) {
        return db.sql("SELECT adviser_id, village_code FROM adviser_village WHERE adviser_id = ANY(:ids) "
                        + "ORDER BY adviser_id, village_code")
                .bind("ids", adviserIds.toArray(Long[]::new))
                .map((row, meta) -> Map.entry(row.get("adviser_id", Long.class), row.get("village_code", String.class)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    public Mono<Map<String, JudicialOfficeRow>> officesOfTowns(Collection<String> townCodes) {
        return db.sql("SELECT id, name, town_code FROM judicial_office WHERE town_code = ANY(:codes)")
                .bind("codes", townCodes.toArray(String[]::new))
                .map((row, meta) -> new JudicialOfficeRow(row.get("id", Long.class), row.get("name", String.class),
                        row.get("town_code", String.class)))
                .all()
                .collectMap(JudicialOfficeRow::townCode);
    }
}
