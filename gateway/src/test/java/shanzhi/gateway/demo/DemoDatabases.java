package shanzhi.gateway.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/** Four freshly migrated department databases on the local PostgreSQL, dropped on close. */
final class DemoDatabases implements AutoCloseable {
    static final String SERVER = System.getProperty("demo.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("demo.pg.user", "postgres");
    static final String PASSWORD = System.getProperty("demo.pg.password", "");
    static final String[] DEPARTMENTS = {"people", "grid", "legal", "security"};

    final Map<String, DemoTarget> targets = new LinkedHashMap<>();

    DemoDatabases() throws SQLException {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
            .toLowerCase(Locale.ROOT);
        try {
            for (String department : DEPARTMENTS) {
                String name = "demo_" + department + "_" + suffix;
                admin("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
                String url = SERVER + name;
                targets.put(department, new DemoTarget(url, USER, PASSWORD));
                Flyway.configure().dataSource(url, USER, PASSWORD).locations("classpath:db/" + department).load()
                    .migrate();
            }
        } catch (RuntimeException | SQLException e) {
            close();
            throw e;
        }
    }

    Connection connect(String department) throws SQLException {
        DemoTarget t = targets.get(department);
        return DriverManager.getConnection(t.jdbcUrl(), t.user(), t.password());
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (DemoTarget t : targets.values()) {
            String name = t.jdbcUrl().substring(t.jdbcUrl().lastIndexOf('/') + 1);
            try {
                admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                failure = e;
            }
        }
        targets.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
