package shanzhi.gateway.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the demo district of Chaoyang and loads it into the four department databases.
 *
 * <p>The structure (towns, villages, grids, cells, offices) is the same at every scale; residents,
 * disputes, incidents and grid events grow with it. The same scale always yields the same rows, and
 * a database that already holds them is left alone, so the gateway may call this on every start.
 */
public final class DemoDistrictLoader {
    public static final double DEFAULT_SCALE = 0.05;
    public static final double MIN_SCALE = 0.001;
    public static final double MAX_SCALE = 1.0;
    /** Fixed so that every machine builds the same district. */
    static final long SEED = 4405132021L;
    /** Raised whenever the generator changes its output, so stale demo data is reloaded. */
    static final int GENERATOR_VERSION = 1;
    private static final List<String> DEPARTMENTS = List.of("people", "grid", "legal", "security");
    /** Serialises concurrent loaders (two gateway instances starting at once) per database. */
    private static final long ADVISORY_LOCK = 4405130001L;

    private static final Logger log = LoggerFactory.getLogger(DemoDistrictLoader.class);

    private final double scale;

    public DemoDistrictLoader(double scale) {
        if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("scale must be within [" + MIN_SCALE + ", " + MAX_SCALE + "]: " + scale);
        }
        this.scale = scale;
    }

    /** keys: "people", "grid", "legal", "security"; the schemas are already migrated (Flyway). */
    public DemoLoadReport load(Map<String, DemoTarget> targets) {
        for (String department : DEPARTMENTS) {
            if (!targets.containsKey(department)) {
                throw new IllegalArgumentException("no target for department " + department);
            }
        }
        long started = System.nanoTime();
        RegionTree tree = new RegionTree(SEED);
        Population population = new Population(tree, scale);
        IncidentPlan incidents = new IncidentPlan(scale);
        List<DepartmentWriter> writers = List.of(
            new PeopleWriter(SEED, tree, population),
            new GridWriter(SEED, tree, population, scale),
            new LegalWriter(SEED, tree, population, scale),
            new SecurityWriter(SEED, tree, population, incidents));

        Map<String, DepartmentResult> results = runAll(writers, targets);
        boolean skipped = results.values().stream().allMatch(DepartmentResult::skipped);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        DemoLoadReport report = new DemoLoadReport(skipped,
            results.get("people").rows("person"), results.get("people").rows("household"),
            results.get("legal").rows("dispute"), results.get("security").rows("incident"),
            results.get("grid").rows("grid_event"), took);
        log.info("Demo district at scale {}: {}", scale, report);
        return report;
    }

    private record DepartmentResult(boolean skipped, Map<String, Long> counts) {
        long rows(String table) {
            return counts.getOrDefault(table, 0L);
        }
    }

    /** One thread per department: the four databases are independent, so they load side by side. */
    private Map<String, DepartmentResult> runAll(List<DepartmentWriter> writers, Map<String, DemoTarget> targets) {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size(), r -> {
            Thread t = new Thread(r, "demo-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DepartmentResult>> futures = new ArrayList<>();
            for (DepartmentWriter w : writers) {
                futures.add(pool.submit(() -> loadDepartment(w, targets.get(w.department()))));
            }
            Map<String, DepartmentResult> results = new LinkedHashMap<>();
            for (int i = 0; i < writers.size(); i++) {
                results.put(writers.get(i).department(), await(futures.get(i), writers.get(i).department()));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static DepartmentResult await(Future<DepartmentResult> future, String department) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading demo " + department, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("demo load of " + department + " failed: " + e.getCause().getMessage(),
                e.getCause());
        }
    }

    private DepartmentResult loadDepartment(DepartmentWriter writer, DemoTarget target) throws SQLException {
        String department = writer.department();
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
            c.setAutoCommit(false);
            execute(c, "SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
            DemoManifest.ensureTable(c);
            if (DemoManifest.isLoaded(c, department, scale, SEED, GENERATOR_VERSION, writer.tables())) {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (String table : writer.tables()) {
                    counts.put(table, DemoManifest.count(c, table));
                }
                c.commit();
                log.info("Demo {} already loaded at scale {}; skipped", department, scale);
                return new DepartmentResult(true, counts);
            }
            execute(c, "SET LOCAL maintenance_work_mem = '256MB'");
            // COPY fires the outbox triggers: a bulk load is not a stream of news for subscribers
            // (and would fill the outbox with hundreds of thousands of rows). See db/*/V2__outbox.sql.
            execute(c, "SET LOCAL shanzhi.outbox = 'off'");
            execute(c, "TRUNCATE " + String.join(", ", writer.tables()) + " RESTART IDENTITY CASCADE");
            Map<String, Long> counts = writer.write(c);
            for (String table : writer.identityTables()) {
                // Explicit ids bypass the identity sequence; move it past them so the application's inserts fit.
                execute(c, "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                    + "coalesce((SELECT max(id) FROM " + table + "), 0) + 1, false)");
            }
            DemoManifest.record(c, department, scale, SEED, GENERATOR_VERSION, counts);
            c.commit();
            c.setAutoCommit(true);
            for (String table : writer.tables()) {
                execute(c, "ANALYZE " + table);
            }
            log.info("Demo {} loaded at scale {} in {} ms: {}", department, scale,
                (System.nanoTime() - started) / 1_000_000, counts);
            return new DepartmentResult(false, counts);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
