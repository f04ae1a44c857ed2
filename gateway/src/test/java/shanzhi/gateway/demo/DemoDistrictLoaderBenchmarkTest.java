package shanzhi.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Times loads into fresh databases, e.g. {@code -Ddemo.benchmark.scales=0.05,1.0}; off by default
 * because a full-scale load takes minutes. Prints the time and every table's row count.
 */
@EnabledIfSystemProperty(named = "demo.benchmark.scales", matches = ".+")
class DemoDistrictLoaderBenchmarkTest {
    @Test
    void timeLoads() throws SQLException {
        for (String scale : System.getProperty("demo.benchmark.scales").split(",")) {
            try (DemoDatabases dbs = new DemoDatabases()) {
                DemoLoadReport report = new DemoDistrictLoader(Double.parseDouble(scale.trim())).load(dbs.targets);
                assertFalse(report.skipped());
                StringBuilder b = new StringBuilder("BENCHMARK scale=" + scale.trim() + " took=" + report.took());
                for (String department : DemoDatabases.DEPARTMENTS) {
                    try (Connection c = dbs.connect(department)) {
                        for (String table : tablesOf(c)) {
                            b.append(' ').append(table).append('=').append(DemoManifest.count(c, table));
                        }
                    }
                }
                System.out.println(b);
            }
        }
    }

    private static List<String> tablesOf(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables "
            + "WHERE schemaname = 'public' AND tablename NOT IN ('flyway_schema_history', 'demo_manifest') "
            + "ORDER BY tablename")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
