package shanzhi.gateway.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo_manifest row of one department database: which scale, seed and generator version the
 * loaded rows came from, and how many rows each table received.
 */
final class DemoManifest {
    private static final String CREATE = """
        CREATE TABLE IF NOT EXISTS demo_manifest (
          department        text PRIMARY KEY,
          scale             double precision NOT NULL,
          seed              bigint NOT NULL,
          generator_version integer NOT NULL,
          row_counts        text NOT NULL,
          loaded_at         timestamptz NOT NULL DEFAULT now()
        )""";

    private DemoManifest() {
    }

    static void ensureTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE);
        }
    }

    /**
     * True when the manifest names this exact load and every table still holds at least the rows
     * loaded: the application may have added disputes or events since, which must not trigger a wipe.
     */
    static boolean isLoaded(Connection c, String department, double scale, long seed, int version,
                            Iterable<String> tables) throws SQLException {
        Map<String, Long> recorded;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT row_counts FROM demo_manifest WHERE department = ? AND scale = ? AND seed = ? AND generator_version = ?")) {
            ps.setString(1, department);
            ps.setDouble(2, scale);
            ps.setLong(3, seed);
            ps.setInt(4, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                recorded = parse(rs.getString(1));
            }
        }
        for (String table : tables) {
            Long expected = recorded.get(table);
            if (expected == null || count(c, table) < expected) {
                return false;
            }
        }
        return true;
    }

    static void record(Connection c, String department, double scale, long seed, int version,
                       Map<String, Long> counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
            INSERT INTO demo_manifest (department, scale, seed, generator_version, row_counts)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (department) DO UPDATE SET scale = excluded.scale, seed = excluded.seed,
              generator_version = excluded.generator_version, row_counts = excluded.row_counts, loaded_at = now()""")) {
            ps.setString(1, department);
            ps.setDouble(2, scale);
            ps.setLong(3, seed);
            ps.setInt(4, version);
            ps.setString(5, format(counts));
            ps.executeUpdate();
        }
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String format(Map<String, Long> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((table, rows) -> b.append(b.length() == 0 ? "" : ",").append(table).append('=').append(rows));
        return b.toString();
    }

    private static Map<String, Long> parse(String text) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                counts.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
            }
        }
        return counts;
    }
}
