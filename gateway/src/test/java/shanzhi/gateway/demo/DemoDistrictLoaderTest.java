package shanzhi.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the demo district at scale 0.01 into two sets of fresh databases on the local PostgreSQL
 * (one directly, one over a smaller load first, so that the truncate-and-reload path runs too) and
 * checks the published figures, the data's integrity, determinism and idempotency by SQL.
 */
class DemoDistrictLoaderTest {
    private static final double SCALE = 0.01;
    private static final String[] TOWNS = {"文光街道", "城南街道", "金浦街道", "棉北街道", "和平镇", "海门镇", "谷饶镇",
        "贵屿镇", "铜盂镇", "河溪镇", "西胪镇", "关埠镇", "金灶镇"};
    /** Tables compared between the two loads, each with a total order. */
    private static final Map<String, String[]> CHECKSUMMED = Map.of(
        "people", new String[] {"household ORDER BY id", "person ORDER BY id"},
        "grid", new String[] {"region ORDER BY code", "grid_worker ORDER BY id", "grid_event ORDER BY id",
            "grid_event_person ORDER BY event_id, person_id", "grid_event_status_change ORDER BY id"},
        "legal", new String[] {"legal_adviser ORDER BY id", "adviser_village ORDER BY village_code",
            "judicial_office ORDER BY id", "dispute ORDER BY id", "dispute_party ORDER BY dispute_id, person_id"},
        "security", new String[] {"police_station ORDER BY id", "police_room ORDER BY id", "incident ORDER BY id",
            "incident_person ORDER BY incident_id, person_id"});

    private static DemoDatabases first;
    private static DemoDatabases second;
    private static DemoLoadReport firstReport;
    private static DemoLoadReport repeatReport;
    private static DemoLoadReport reloadReport;
    /** person id -> village code (12 digits), from the people store of the first load. */
    private static final Map<Long, String> villageOfPerson = new HashMap<>();

    @BeforeAll
    static void load() throws SQLException {
        try {
            first = new DemoDatabases();
            second = new DemoDatabases();
            firstReport = new DemoDistrictLoader(SCALE).load(first.targets);
            repeatReport = new DemoDistrictLoader(SCALE).load(first.targets);
            new DemoDistrictLoader(0.002).load(second.targets);
            reloadReport = new DemoDistrictLoader(SCALE).load(second.targets);
            try (Connection c = first.connect("people"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, left(cell_code, 12) FROM person")) {
                while (rs.next()) {
                    villageOfPerson.put(rs.getLong(1), rs.getString(2));
                }
            }
        } catch (RuntimeException | SQLException | Error e) {
            dropAll();
            throw e;
        }
    }

    @AfterAll
    static void dropAll() throws SQLException {
        try {
            if (first != null) {
                first.close();
            }
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    /**
     * COPY fires the outbox triggers; the loader switches them off, so a load is not news to
     * subscribers. What it leaves are the cached aggregates' announcements, which ignore the
     * switch (a load changes the figures): one per statement on incident and person, not per row.
     */
    @Test
    void loadsLeaveNoNewsInAnyOutboxOnlyTheAggregatesAnnouncements() throws SQLException {
        Map<String, String> aggregateTable = Map.of("grid", "", "legal", "", "security", "incident", "people", "person");
        for (DemoDatabases databases : new DemoDatabases[] {first, second}) {
            for (var department : aggregateTable.entrySet()) {
                try (Connection c = databases.connect(department.getKey())) {
                    assertEquals(0L, scalar(c, "SELECT count(*) FROM outbox WHERE topic <> 'reference.changed' "
                            + "OR payload->>'table' IS DISTINCT FROM '" + department.getValue() + "'"),
                            department.getKey() + " outbox: anything but the aggregate's announcements");
                    long announcements = scalar(c, "SELECT count(*) FROM outbox");
                    assertTrue(announcements <= 5, department.getKey() + " outbox: " + announcements
                            + " announcements (one per statement of the load)");
                    assertEquals(department.getValue().isEmpty(), announcements == 0, department.getKey() + " announced");
                }
            }
        }
        try (Connection c = first.connect("grid")) {
            assertEquals(firstReport.gridEvents(), scalar(c, "SELECT count(*) FROM grid_event"));
        }
        try (Connection c = first.connect("security")) {
            assertEquals(firstReport.incidents(), scalar(c, "SELECT count(*) FROM incident"));
        }
    }

    @Test
    void regionTreeHasThePublishedShape() throws SQLException {
        try (Connection c = first.connect("grid")) {
            Map<String, Long> byLevel = new HashMap<>();
            for (List<Object> row : rows(c, "SELECT level, count(*) FROM region GROUP BY level")) {
                byLevel.put((String) row.get(0), (Long) row.get(1));
            }
            assertEquals(1L, byLevel.get("DISTRICT"));
            assertEquals(13L, byLevel.get("TOWN"));
            assertEquals(273L, byLevel.get("VILLAGE"));
            assertEquals(1276L, byLevel.get("GRID"));
            long cells = byLevel.get("CELL");
            assertTrue(cells >= 26_000 && cells <= 28_000, "about 27,000 cells: " + cells);

            assertEquals(List.of(List.of("440513", "潮阳区")),
                rows(c, "SELECT code, name FROM region WHERE parent_code IS NULL"));
            List<List<Object>> towns = rows(c, "SELECT code, name FROM region WHERE level = 'TOWN' ORDER BY code");
            for (int i = 0; i < TOWNS.length; i++) {
                assertEquals(List.of(String.format("440513%03d", i + 1), TOWNS[i]), towns.get(i));
            }
            assertEquals(0L, scalar(c, """
                SELECT count(*) FROM region r LEFT JOIN region p ON p.code = r.parent_code
                WHERE r.level <> 'DISTRICT' AND (p.code IS NULL OR left(r.code, length(p.code)) <> p.code
                  OR length(r.code) <> CASE r.level WHEN 'TOWN' THEN 9 WHEN 'VILLAGE' THEN 12 WHEN 'GRID' THEN 14
                                                    ELSE 17 END
                  OR p.level <> CASE r.level WHEN 'TOWN' THEN 'DISTRICT' WHEN 'VILLAGE' THEN 'TOWN'
                                             WHEN 'GRID' THEN 'VILLAGE' ELSE 'GRID' END)"""));
            assertEquals(0L, scalar(c, """
                SELECT count(*) FROM region p WHERE p.level <> 'CELL'
                AND NOT EXISTS (SELECT 1 FROM region r WHERE r.parent_code = p.code)"""), "every region has children");
            assertEquals(0L, scalar(c, """
                SELECT count(*) FROM (SELECT parent_code, name FROM region WHERE level = 'VILLAGE'
                GROUP BY 1, 2 HAVING count(*) > 1) d"""), "village names unique within a town");
            long rural = scalar(c, "SELECT count(*) FROM region WHERE level = 'VILLAGE' AND name LIKE '%村'");
            assertTrue(rural > 273 * 0.75 && rural < 273 * 0.92, "mostly rural: " + rural);

            assertEquals(1L, scalar(c, "SELECT count(*) FROM region WHERE name = '桥陈村' AND parent_code = '440513013'"));
            assertEquals(1L, scalar(c, "SELECT count(*) FROM region WHERE name = '泉塘村' AND parent_code = '440513011'"));
            assertEquals(1L, scalar(c, "SELECT count(*) FROM region WHERE name = '下寨社区' AND parent_code = '440513005'"));
            assertEquals(1L, scalar(c, "SELECT count(*) FROM region WHERE name = '桥陈村第1网格' AND level = 'GRID'"));

            assertEquals(0L, scalar(c, """
                SELECT count(*) FROM region g WHERE g.level = 'GRID'
                AND (SELECT count(*) FROM grid_worker w WHERE w.grid_code = g.code) NOT BETWEEN 2 AND 3"""));
            assertEquals(1L, scalar(c, "SELECT min(id) FROM grid_worker"));
        }
    }

    @Test
    void legalAndSecurityOfficesExist() throws SQLException {
        try (Connection c = first.connect("legal")) {
            assertEquals(273L, scalar(c, "SELECT count(*) FROM adviser_village"));
            assertTrue(scalar(c, "SELECT count(*) FROM legal_adviser") <= 273);
            assertEquals(0L, scalar(c, "SELECT count(*) FROM (SELECT adviser_id FROM adviser_village GROUP BY 1 "
                + "HAVING count(*) > 2) x"));
            assertEquals(0L, scalar(c, "SELECT count(*) FROM legal_adviser WHERE law_firm NOT LIKE '广东%律师事务所'"));
            assertEquals(13L, scalar(c, "SELECT count(*) FROM judicial_office WHERE name LIKE '%司法所'"));
            assertEquals(1L, scalar(c, "SELECT count(*) FROM judicial_office WHERE name = '海门司法所' "
                + "AND town_code = '440513006'"));
        }
        try (Connection c = first.connect("security")) {
            assertEquals(13L, scalar(c, "SELECT count(*) FROM police_station"));
            assertEquals(1L, scalar(c, "SELECT count(*) FROM police_station WHERE name = '和平派出所' "
                + "AND town_code = '440513005'"));
            assertEquals(1L, scalar(c, """
                SELECT count(*) FROM police_room r JOIN police_station s ON s.id = r.station_id
                WHERE r.name = '下寨社区警务室' AND s.name = '和平派出所' AND r.village_code = '440513005001'"""));
            long rooms = scalar(c, "SELECT count(*) FROM police_room");
            assertTrue(rooms > 273 * 0.5 && rooms < 273 * 0.7, "rooms for about 60% of villages: " + rooms);
            assertEquals(0L, scalar(c, "SELECT count(*) FROM police_room r JOIN police_station s ON s.id = r.station_id "
                + "WHERE left(r.village_code, 9) <> s.town_code"));
        }
    }

    @Test
    void incidentFiguresMatchThePublishedChanges() throws SQLException {
        try (Connection c = first.connect("security")) {
            String change = """
                WITH y AS (
                  SELECT count(*) FILTER (WHERE extract(year FROM occurred_at AT TIME ZONE 'Asia/Shanghai') = 2020) AS c20,
                         count(*) FILTER (WHERE extract(year FROM occurred_at AT TIME ZONE 'Asia/Shanghai') = 2021) AS c21
                  FROM incident WHERE category = '%s')
                SELECT round(100.0 * (c21 - c20) / c20, 1) FROM y""";
            assertEquals(new BigDecimal("-21.9"), rows(c, change.formatted("CRIMINAL")).get(0).get(0));
            assertEquals(new BigDecimal("-16.0"), rows(c, change.formatted("PUBLIC_ORDER")).get(0).get(0));
            assertTrue(scalar(c, "SELECT count(*) FROM incident WHERE category = 'CRIMINAL' AND "
                + "extract(year FROM occurred_at AT TIME ZONE 'Asia/Shanghai') = 2020") >= 1000);

            List<List<Object>> twoRobberies = rows(c, """
                SELECT extract(year FROM occurred_at AT TIME ZONE 'Asia/Shanghai')::int, count(*) FROM incident
                WHERE subcategory IN ('ROBBERY', 'SNATCHING') GROUP BY 1 ORDER BY 2 DESC""");
            long peak = (Long) twoRobberies.get(0).get(1);
            long in2021 = twoRobberies.stream().filter(r -> (Integer) r.get(0) == 2021).mapToLong(r -> (Long) r.get(1))
                .sum();
            assertTrue(in2021 < peak * 0.2, "two robberies 2021 " + in2021 + " vs peak " + peak);
            assertEquals(0L, scalar(c, "SELECT count(*) FROM incident WHERE occurred_at < '2016-01-01 00:00+08' "
                + "OR occurred_at >= '2026-01-01 00:00+08'"));
            assertEquals(0L, scalar(c, """
                SELECT count(*) FROM incident WHERE extract(year FROM occurred_at AT TIME ZONE 'UTC')
                  <> extract(year FROM occurred_at AT TIME ZONE 'Asia/Shanghai')"""), "years safe in any zone");
            assertEquals(0L, scalar(c, "SELECT count(*) FROM (SELECT incident_id FROM incident_person GROUP BY 1 "
                + "HAVING count(*) > 3) x"));
            for (List<Object> row : rows(c, "SELECT i.cell_code, p.person_id FROM incident_person p "
                + "JOIN incident i ON i.id = p.incident_id")) {
                assertEquals(((String) row.get(0)).substring(0, 12), villageOfPerson.get((Long) row.get(1)));
            }
            assertSequenceAhead(c, "INSERT INTO incident (category, subcategory, occurred_at, status, summary, "
                + "cell_code) VALUES ('TRAFFIC', 'COLLISION', now(), 'OPEN', 'x', '44051300100101001')");
        }
    }

    @Test
    void residentsAreValidAndEverywhere() throws SQLException {
        Set<String> cells = new HashSet<>();
        try (Connection c = first.connect("grid"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT code FROM region WHERE level = 'CELL'")) {
            while (rs.next()) {
                cells.add(rs.getString(1));
            }
        }
        try (Connection c = first.connect("people")) {
            assertEquals(273L, scalar(c, "SELECT count(DISTINCT left(cell_code, 12)) FROM person"));
            assertEquals(1L, scalar(c, "SELECT min(id) FROM person"));
            assertEquals(scalar(c, "SELECT count(*) FROM person"), scalar(c, "SELECT max(id) FROM person"));
            assertEquals(0L, scalar(c, "SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id "
                + "WHERE p.cell_code <> h.cell_code"));
            assertEquals(0L, scalar(c, "SELECT count(*) FROM (SELECT household_id FROM person GROUP BY 1 "
                + "HAVING count(*) > 6) x"));
            assertEquals(0L, scalar(c, "SELECT count(*) FROM household h WHERE NOT EXISTS "
                + "(SELECT 1 FROM person p WHERE p.household_id = h.id)"));
            assertEquals(0L, scalar(c, "SELECT count(*) FROM person WHERE birth_date < '1930-01-01' "
                + "OR birth_date > '2024-12-31'"));
            for (String tag : new String[] {"VETERAN", "OVERSEAS_CHINESE_FAMILY", "COMMUNITY_CORRECTION",
                "RELEASED_PRISONER", "SEVERE_MENTAL_DISORDER", "AT_RISK_YOUTH", "LEFT_BEHIND"}) {
                assertTrue(scalar(c, "SELECT count(*) FROM person WHERE tags @> ARRAY['" + tag + "']") >= 3, tag);
            }
            long persons = scalar(c, "SELECT count(*) FROM person");
            double registered = scalar(c, "SELECT count(*) FROM person WHERE residency = 'REGISTERED'") / (double) persons;
            double party = scalar(c, "SELECT count(*) FROM person WHERE party_member") / (double) persons;
            assertTrue(registered > 0.75 && registered < 0.85, "registered share " + registered);
            assertTrue(party > 0.05 && party < 0.09, "party share " + party);

            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id_number, gender, birth_date, residency, cell_code FROM person")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    assertTrue(validGb11643(id), "check digit of " + id);
                    assertEquals(rs.getString(3).replace("-", ""), id.substring(6, 14));
                    assertEquals(rs.getString(2).equals("MALE"), (id.charAt(16) - '0') % 2 == 1, id);
                    assertEquals(rs.getString(4).equals("REGISTERED"), id.startsWith("440513"), id);
                    assertTrue(cells.contains(rs.getString(5)), "cell exists: " + rs.getString(5));
                }
            }
        }
    }

    @Test
    void disputesAndGridEventsAreConsistent() throws SQLException {
        try (Connection c = first.connect("legal")) {
            assertTrue(scalar(c, "SELECT count(*) FROM dispute") >= 300);
            assertEquals(0L, scalar(c, """
                SELECT count(*) FROM dispute WHERE (resolved_at IS NOT NULL) <> (status IN ('RESOLVED', 'FAILED'))
                OR resolved_at <= reported_at OR reported_at < '2019-01-01 00:00+08'
                OR reported_at >= '2026-11-01 00:00+08' OR idempotency_key IS NOT NULL"""));
            assertEquals(0L, scalar(c, "SELECT count(*) FROM dispute d WHERE (SELECT count(*) FROM dispute_party p "
                + "WHERE p.dispute_id = d.id) NOT BETWEEN 2 AND 3"));
            for (List<Object> row : rows(c, "SELECT d.cell_code, p.person_id FROM dispute_party p "
                + "JOIN dispute d ON d.id = p.dispute_id")) {
                assertEquals(((String) row.get(0)).substring(0, 12), villageOfPerson.get((Long) row.get(1)));
            }
            assertSequenceAhead(c, "INSERT INTO dispute (category, status, summary, reported_at, cell_code) "
                + "VALUES ('OTHER', 'REPORTED', 'x', now(), '44051300100101001')");
        }
        try (Connection c = first.connect("grid")) {
            assertTrue(scalar(c, "SELECT count(*) FROM grid_event") >= 100);
            assertEquals(0L, scalar(c, "SELECT count(*) FROM grid_event e JOIN grid_worker w ON w.id = e.reporter_id "
                + "WHERE left(e.cell_code, 14) <> w.grid_code"));
            assertEquals(0L, scalar(c, "SELECT count(*) FROM grid_event e JOIN region r ON r.code = e.cell_code "
                + "WHERE r.level <> 'CELL'"));
            List<List<Object>> paths = rows(c, """
                SELECT e.status, string_agg(coalesce(s.from_status, '-') || '>' || s.to_status, ' ' ORDER BY s.id)
                FROM grid_event e JOIN grid_event_status_change s ON s.event_id = e.id GROUP BY e.id, e.status""");
            assertEquals(scalar(c, "SELECT count(*) FROM grid_event"), (long) paths.size());
            List<String> flow = List.of("REPORTED", "ACCEPTED", "ASSIGNED", "RESOLVED", "CLOSED");
            for (List<Object> row : paths) {
                int reached = flow.indexOf((String) row.get(0));
                List<String> steps = new ArrayList<>();
                for (int i = 0; i <= reached; i++) {
                    steps.add((i == 0 ? "-" : flow.get(i - 1)) + ">" + flow.get(i));
                }
                assertEquals(String.join(" ", steps), row.get(1));
            }
            assertTrue(scalar(c, "SELECT count(*) FROM grid_event_person") > 0);
            for (List<Object> row : rows(c, "SELECT e.cell_code, p.person_id FROM grid_event_person p "
                + "JOIN grid_event e ON e.id = p.event_id")) {
                assertEquals(((String) row.get(0)).substring(0, 12), villageOfPerson.get((Long) row.get(1)));
            }
            assertSequenceAhead(c, "INSERT INTO grid_event (category, status, description, reported_at, cell_code, "
                + "reporter_id) SELECT 'OTHER', 'REPORTED', 'x', now(), code, 1 FROM region WHERE level = 'CELL' LIMIT 1");
        }
    }

    @Test
    void loadsAreDeterministicAndIdempotent() throws SQLException {
        assertFalse(firstReport.skipped());
        assertTrue(repeatReport.skipped(), "second load of the same scale is skipped");
        assertFalse(reloadReport.skipped(), "a different scale is replaced");
        assertEquals(withoutTime(firstReport), withoutTime(repeatReport));
        assertEquals(withoutTime(firstReport), withoutTime(reloadReport));
        assertTrue(firstReport.residents() > 15_000 && firstReport.residents() < 19_000, firstReport.toString());
        for (Map.Entry<String, String[]> e : CHECKSUMMED.entrySet()) {
            try (Connection a = first.connect(e.getKey()); Connection b = second.connect(e.getKey())) {
                for (String table : e.getValue()) {
                    String sql = "SELECT md5(string_agg(t::text, E'\\n' " + table.replaceFirst("^\\w+ ", "") + ")) FROM "
                        + table.split(" ")[0] + " t";
                    assertEquals(rows(a, sql), rows(b, sql), "checksum of " + table);
                }
            }
        }
    }

    private static List<Object> withoutTime(DemoLoadReport r) {
        return List.of(r.residents(), r.households(), r.disputes(), r.incidents(), r.gridEvents());
    }

    /** The identity sequence must hand out a fresh id after the loaded ones; rolled back afterwards. */
    private static void assertSequenceAhead(Connection c, String insert) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate(insert));
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** Independent of IdNumber on purpose, so a bug there cannot pass its own check. */
    private static boolean validGb11643(String id) {
        if (id == null || !id.matches("\\d{17}[\\dX]")) {
            return false;
        }
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11) == id.charAt(17);
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        return ((Number) rows(c, sql).get(0).get(0)).longValue();
    }

    private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
        List<List<Object>> result = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                result.add(row);
            }
        }
        return result;
    }
}
