// Raw-SQL baseline for operations 1 (village dashboard) and 2 (person profile): the same SQL
// statements the gateway sends (copied from the repositories under resolvers/src/main/java/shanzhi/*/,
// and checked against the gateway's statement log: 8 statements for operation 1, 6 for operation 2,
// reference data cached in memory as the gateway caches it),
// over the same driver and settings (r2dbc-postgresql + r2dbc-pool, 4 pools of at most 10 connections,
// binary results, custom plans, local validation on acquire, as the
// gateway), with the JSON the gateway returns built by hand, served by Reactor Netty. No GraphQL,
// no token check. Run with the gateway's libraries on the classpath (see bench/run.sh):
//   java -Xmx256m -cp 'bench/work/lib/*' bench/baseline/Baseline.java <port> <dbprefix>
// GET /op1?code=<village>   GET /op2?idNumber=<id number>
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.ValidationDepth;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

public class Baseline {
    static final String SCOPE = "440513", SCOPE_END = "440513:";
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static ConnectionPool people, grid, legal, security;

    static ConnectionPool pool(String db, String name) {
        var cf = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1").port(5432).database(db).username("postgres").password("")
                .applicationName("baseline-" + name)
                .options(Map.of("plan_cache_mode", "force_custom_plan")).forceBinary(true).build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(cf).name(name)
                .initialSize(2).maxSize(10).validationDepth(ValidationDepth.LOCAL).build());
    }

    /** One statement, rows as maps (column name -> value). */
    static Mono<List<Map<String, Object>>> q(ConnectionPool pool, String sql, Object... binds) {
        return Flux.usingWhen(pool.create(), c -> {
            var st = c.createStatement(sql);
            for (int i = 0; i < binds.length; i++) st.bind(i, binds[i]);
            return Flux.from(st.execute()).flatMap(r -> r.map(Baseline::row));
        }, c -> c.close()).collectList();
    }

    // Reference data (regions, advisers, police rooms and stations) is cached in the gateway, which
    // then sends 8 statements for operation 1 and 6 for operation 2; the baseline keeps it in a map
    // too, so both send the same statements.
    static final Map<String, List<Map<String, Object>>> REFERENCE = new ConcurrentHashMap<>();

    static Mono<List<Map<String, Object>>> cached(ConnectionPool pool, String sql, Object... binds) {
        String key = sql + Arrays.deepToString(binds);
        var hit = REFERENCE.get(key);
        return hit != null ? Mono.just(hit) : q(pool, sql, binds).doOnNext(rows -> REFERENCE.put(key, rows));
    }

    static Map<String, Object> row(Row r, RowMetadata m) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (var col : m.getColumnMetadatas()) map.put(col.getName(), r.get(col.getName()));
        return map;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String prefix = args[1];
        people = pool(prefix + "_people", "people");
        grid = pool(prefix + "_grid", "grid");
        legal = pool(prefix + "_legal", "legal");
        security = pool(prefix + "_security", "security");
        HttpServer.create().host("127.0.0.1").port(port).route(routes -> routes
                .get("/op1", (req, res) -> res.header("content-type", "application/json")
                        .sendString(op1(param(req.uri(), "code"))))
                .get("/op2", (req, res) -> res.header("content-type", "application/json")
                        .sendString(op2(param(req.uri(), "idNumber")))))
                .bindNow().onDispose().block();
    }

    static String param(String uri, String name) {
        return new QueryStringDecoder(uri).parameters().get(name).get(0);
    }

    // ---------------------------------------------------------------- operation 1: village dashboard
    static final String REGION = "SELECT code, name, level, parent_code FROM region WHERE code = ANY($1) AND ((code >= $2 AND code < $3) OR starts_with($2, code))";
    static final String DISPUTES_UNDER = "SELECT r.code AS scope, d.id, d.category, d.status, d.summary, d.reported_at, d.resolved_at, d.cell_code FROM unnest(CAST($1 AS text[])) AS r(code) CROSS JOIN LATERAL (SELECT * FROM dispute d WHERE d.cell_code >= r.code AND d.cell_code < r.code || ':' ORDER BY d.reported_at DESC, d.id DESC LIMIT $2) d ORDER BY r.code, d.reported_at DESC, d.id DESC";
    static final String ADVISER = "SELECT v.village_code, a.id, a.name, a.law_firm, a.phone FROM adviser_village v JOIN legal_adviser a ON a.id = v.adviser_id WHERE v.village_code = ANY($1)";
    static final String INCIDENTS_UNDER = "SELECT r.code AS scope, i.id, i.category, i.subcategory, i.occurred_at, i.status, i.summary, i.cell_code FROM unnest(CAST($1 AS text[])) AS r(code) CROSS JOIN LATERAL (SELECT * FROM incident i WHERE i.cell_code >= r.code AND i.cell_code < r.code || ':' ORDER BY i.occurred_at DESC, i.id DESC LIMIT $2) i ORDER BY r.code, i.occurred_at DESC, i.id DESC";
    static final String WORKERS_UNDER = "SELECT r.code AS scope, w.id, w.name, w.phone, w.party_member, w.grid_code FROM unnest(CAST($1 AS text[])) AS r(code) CROSS JOIN LATERAL (SELECT * FROM grid_worker w WHERE w.grid_code >= r.code AND w.grid_code < r.code || ':' ORDER BY w.id LIMIT $2) w ORDER BY r.code, w.id";
    static final String POPULATION = "SELECT r.code AS scope, (SELECT count(*) FROM person p WHERE left(p.cell_code, 12) = r.code) AS n FROM unnest(CAST($1 AS text[])) AS r(code)";
    static final String POLICE_ROOM = "SELECT id, name, station_id, village_code FROM police_room WHERE village_code = ANY($1)";
    static final String INCIDENT_PERSONS = "SELECT incident_id, person_id FROM incident_person WHERE incident_id = ANY($1) ORDER BY incident_id, person_id";
    static final String DISPUTE_PARTIES = "SELECT dispute_id, person_id FROM dispute_party WHERE dispute_id = ANY($1) ORDER BY dispute_id, person_id";
    static final String PERSONS = "SELECT p.id, p.name, p.id_number, p.gender, p.birth_date, p.phone, p.residency, p.party_member, p.tags, p.household_id, p.cell_code FROM person p WHERE p.id = ANY($1) AND p.cell_code >= $2 AND p.cell_code < $3";
    static final String STATION = "SELECT id, name, town_code FROM police_station WHERE id = ANY($1)";

    static Mono<String> op1(String code) {
        String[] codes = {code};
        Mono<List<Map<String, Object>>> region = cached(grid, REGION, codes, SCOPE, SCOPE_END);
        Mono<Long> population = q(people, POPULATION, (Object) codes).map(rows -> ((Number) rows.get(0).get("n")).longValue());
        Mono<List<Map<String, Object>>> workers = q(grid, WORKERS_UNDER, codes, 21).map(rows -> first(rows, 20));
        Mono<List<Map<String, Object>>> adviser = cached(legal, ADVISER, (Object) codes);
        Mono<String> room = cached(security, POLICE_ROOM, (Object) codes).flatMap(rooms -> {
            if (rooms.isEmpty()) return Mono.just("null");
            var r = rooms.get(0);
            return cached(security, STATION, (Object) new Long[]{(Long) r.get("station_id")}).map(st -> obj(
                    "id", str(r.get("id")), "name", str(r.get("name")),
                    "station", st.isEmpty() ? "null" : obj("id", str(st.get(0).get("id")), "name", str(st.get(0).get("name")))));
        });
        Mono<String> disputes = q(legal, DISPUTES_UNDER, codes, 21).map(rows -> first(rows, 20))
                .flatMap(ds -> withPersons(ds, DISPUTE_PARTIES, "dispute_id", legal).map(persons -> edges(ds, d -> obj(
                        "id", str(d.get("id")), "category", str(d.get("category")), "status", str(d.get("status")),
                        "summary", str(d.get("summary")), "reportedAt", ts(d.get("reported_at")),
                        "parties", persons.get((Long) d.get("id"))))));
        Mono<String> incidents = q(security, INCIDENTS_UNDER, codes, 21).map(rows -> first(rows, 20))
                .flatMap(is -> withPersons(is, INCIDENT_PERSONS, "incident_id", security).map(persons -> edges(is, i -> obj(
                        "id", str(i.get("id")), "category", str(i.get("category")), "subcategory", str(i.get("subcategory")),
                        "occurredAt", ts(i.get("occurred_at")), "status", str(i.get("status")),
                        "summary", str(i.get("summary")), "persons", persons.get((Long) i.get("id"))))));
        return Mono.zip(List.of(region, population, workers, adviser, room, disputes, incidents), parts -> {
            @SuppressWarnings("unchecked") var rg = (List<Map<String, Object>>) parts[0];
            if (rg.isEmpty()) return "{\"data\":{\"region\":null}}";
            var r = rg.get(0);
            @SuppressWarnings("unchecked") var ws = (List<Map<String, Object>>) parts[2];
            @SuppressWarnings("unchecked") var adv = (List<Map<String, Object>>) parts[3];
            return "{\"data\":{\"region\":" + obj(
                    "code", str(r.get("code")), "name", str(r.get("name")), "level", str(r.get("level")),
                    "population", String.valueOf(parts[1]),
                    "gridWorkers", edges(ws, w -> obj("id", str(w.get("id")), "name", str(w.get("name")),
                            "phone", str(w.get("phone")), "partyMember", String.valueOf(w.get("party_member")))),
                    "legalAdviser", adv.isEmpty() ? "null" : obj("id", str(adv.get(0).get("id")), "name", str(adv.get(0).get("name")),
                            "lawFirm", str(adv.get(0).get("law_firm")), "phone", str(adv.get(0).get("phone"))),
                    "policeRoom", (String) parts[4], "disputes", (String) parts[5], "incidents", (String) parts[6]) + "}}";
        });
    }

    /** link rows (owner id -> person ids), then the persons: JSON list [{id,name}] per owner id. */
    static Mono<Map<Long, String>> withPersons(List<Map<String, Object>> owners, String linkSql, String ownerColumn, ConnectionPool store) {
        Long[] ids = owners.stream().map(o -> (Long) o.get("id")).toArray(Long[]::new);
        return q(store, linkSql, (Object) ids).flatMap(links -> {
            Long[] personIds = links.stream().map(l -> (Long) l.get("person_id")).distinct().toArray(Long[]::new);
            return q(people, PERSONS, personIds, SCOPE, SCOPE_END).map(persons -> {
                Map<Long, Map<String, Object>> byId = persons.stream().collect(Collectors.toMap(p -> (Long) p.get("id"), p -> p));
                Map<Long, String> out = new LinkedHashMap<>();
                for (Long id : ids) {
                    List<String> items = new ArrayList<>();
                    for (var l : links) {
                        if (id.equals(l.get(ownerColumn))) {
                            var p = byId.get((Long) l.get("person_id"));
                            if (p != null) items.add(obj("id", str(p.get("id")), "name", str(p.get("name"))));
                        }
                    }
                    out.put(id, "[" + String.join(",", items) + "]");
                }
                return out;
            });
        });
    }

    // ---------------------------------------------------------------- operation 2: person profile
    static final String PERSON_BY_ID_NUMBER = "SELECT p.id, p.name, p.id_number, p.gender, p.birth_date, p.phone, p.residency, p.party_member, p.tags, p.household_id, p.cell_code FROM person p WHERE p.id_number = $1 AND p.cell_code >= $2 AND p.cell_code < $3";
    static final String PERSON_DISPUTES = "SELECT dp.person_id, d.id, d.category, d.status, d.summary, d.reported_at, d.resolved_at, d.cell_code FROM dispute_party dp JOIN dispute d ON d.id = dp.dispute_id WHERE dp.person_id = ANY($1) AND d.cell_code >= $2 AND d.cell_code < $3 ORDER BY dp.person_id, d.reported_at DESC, d.id DESC";
    static final String PERSON_INCIDENTS = "SELECT ip.person_id, i.id, i.category, i.subcategory, i.occurred_at, i.status, i.summary, i.cell_code FROM incident_person ip JOIN incident i ON i.id = ip.incident_id WHERE ip.person_id = ANY($1) AND i.cell_code >= $2 AND i.cell_code < $3 ORDER BY ip.person_id, i.occurred_at DESC, i.id DESC";
    static final String WORKERS_OF_GRID = "SELECT w.id, w.name, w.phone, w.party_member, w.grid_code FROM grid_worker w WHERE w.grid_code = ANY($1) ORDER BY w.grid_code, w.id";
    static final String HOUSEHOLD = "SELECT id, address, cell_code FROM household WHERE id = ANY($1) AND cell_code >= $2 AND cell_code < $3";
    static final String MEMBERS = "SELECT p.id, p.name, p.id_number, p.gender, p.birth_date, p.phone, p.residency, p.party_member, p.tags, p.household_id, p.cell_code FROM person p WHERE p.household_id = ANY($1) AND p.cell_code >= $2 AND p.cell_code < $3 ORDER BY p.household_id, p.id";
    static final List<String> TAG_ORDER = List.of("VETERAN", "OVERSEAS_CHINESE_FAMILY", "COMMUNITY_CORRECTION",
            "RELEASED_PRISONER", "SEVERE_MENTAL_DISORDER", "AT_RISK_YOUTH", "LEFT_BEHIND");

    static Mono<String> op2(String idNumber) {
        return q(people, PERSON_BY_ID_NUMBER, idNumber, SCOPE, SCOPE_END).flatMap(found -> {
            if (found.isEmpty()) return Mono.just("{\"data\":{\"personByIdNumber\":null}}");
            var p = found.get(0);
            Long[] pid = {(Long) p.get("id")};
            String cell = (String) p.get("cell_code");
            Long[] hid = {(Long) p.get("household_id")};
            Mono<String> household = q(people, HOUSEHOLD, hid, SCOPE, SCOPE_END).flatMap(hs -> hs.isEmpty() ? Mono.just("null")
                    : q(people, MEMBERS, hid, SCOPE, SCOPE_END).map(ms -> obj("id", str(hs.get(0).get("id")),
                            "address", str(hs.get(0).get("address")), "members", list(ms, m -> obj("id", str(m.get("id")),
                                    "name", str(m.get("name")), "gender", str(m.get("gender")), "birthDate", date(m.get("birth_date")))))));
            Mono<String> cellRegion = cached(grid, REGION, new String[]{cell}, SCOPE, SCOPE_END)
                    .map(rs -> rs.isEmpty() ? "null" : obj("code", str(rs.get(0).get("code")), "name", str(rs.get(0).get("name"))));
            Mono<String> workers = q(grid, WORKERS_OF_GRID, (Object) new String[]{cell.substring(0, 14)})
                    .map(ws -> list(ws, w -> obj("id", str(w.get("id")), "name", str(w.get("name")), "phone", str(w.get("phone")))));
            Mono<String> disputes = q(legal, PERSON_DISPUTES, pid, SCOPE, SCOPE_END).map(ds -> list(ds, d -> obj(
                    "id", str(d.get("id")), "category", str(d.get("category")), "status", str(d.get("status")),
                    "summary", str(d.get("summary")), "reportedAt", ts(d.get("reported_at")))));
            Mono<String> incidents = q(security, PERSON_INCIDENTS, pid, SCOPE, SCOPE_END).map(is -> list(is, i -> obj(
                    "id", str(i.get("id")), "category", str(i.get("category")), "subcategory", str(i.get("subcategory")),
                    "occurredAt", ts(i.get("occurred_at")), "status", str(i.get("status")), "summary", str(i.get("summary")))));
            return Mono.zip(household, cellRegion, workers, disputes, incidents).map(t -> {
                String[] tags = (String[]) p.get("tags");
                List<String> sorted = Arrays.stream(tags).sorted((a, b) -> TAG_ORDER.indexOf(a) - TAG_ORDER.indexOf(b)).map(Baseline::str).toList();
                return "{\"data\":{\"personByIdNumber\":" + obj(
                        "id", str(p.get("id")), "name", str(p.get("name")), "idNumber", str(p.get("id_number")),
                        "gender", str(p.get("gender")), "birthDate", date(p.get("birth_date")), "phone", str(p.get("phone")),
                        "residency", str(p.get("residency")), "partyMember", String.valueOf(p.get("party_member")),
                        "tags", "[" + String.join(",", sorted) + "]", "household", t.getT1(), "cell", t.getT2(),
                        "gridWorkers", t.getT3(), "disputes", t.getT4(), "incidents", t.getT5()) + "}}";
            });
        });
    }

    // ---------------------------------------------------------------- JSON by hand
    static List<Map<String, Object>> first(List<Map<String, Object>> rows, int n) {
        return rows.size() > n ? rows.subList(0, n) : rows;
    }

    static String edges(List<Map<String, Object>> rows, java.util.function.Function<Map<String, Object>, String> node) {
        return "{\"edges\":[" + rows.stream().map(r -> "{\"node\":" + node.apply(r) + "}").collect(Collectors.joining(",")) + "]}";
    }

    static String list(List<Map<String, Object>> rows, java.util.function.Function<Map<String, Object>, String> item) {
        return "[" + rows.stream().map(item).collect(Collectors.joining(",")) + "]";
    }

    static String obj(String... kv) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) b.append(',');
            b.append('"').append(kv[i]).append("\":").append(kv[i + 1]);
        }
        return b.append('}').toString();
    }

    static String ts(Object v) {
        return v == null ? "null" : "\"" + ((OffsetDateTime) v).withOffsetSameInstant(CST).format(TS) + "\"";
    }

    static String date(Object v) {
        return v == null ? "null" : "\"" + ((LocalDate) v) + "\"";
    }

    static String str(Object v) {
        if (v == null) return "null";
        String s = v.toString();
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> { if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c); }
            }
        }
        return b.append('"').toString();
    }
}
