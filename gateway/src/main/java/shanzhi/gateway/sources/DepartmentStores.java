package shanzhi.gateway.sources;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import shanzhi.gateway.demo.DemoDistrictLoader;
import shanzhi.gateway.demo.DemoLoadReport;
import shanzhi.gateway.demo.DemoTarget;

/**
 * The four department databases, ready to serve: located (configured, or created on the
 * embedded server), migrated with each department's own Flyway history, and loaded with the
 * demo district when asked. Runs once at startup on the main thread, before Netty serves.
 */
public final class DepartmentStores implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DepartmentStores.class);
    private final Map<Department, Endpoint> endpoints;
    private final EmbeddedPostgresServer embedded;

    private DepartmentStores(Map<Department, Endpoint> endpoints, EmbeddedPostgresServer embedded) {
        this.endpoints = endpoints;
        this.embedded = embedded;
    }

    public static DepartmentStores open(SourcesProperties sources, DemoProperties demo) {
        Map<Department, Endpoint> endpoints = new EnumMap<>(Department.class);
        EmbeddedPostgresServer embedded = null;
        for (Department department : Department.values()) {
            SourcesProperties.Source source = sources.of(department);
            if (source.getUrl() == null || source.getUrl().isBlank()) {
                if (embedded == null) {
                    embedded = EmbeddedPostgresServer.start(demo.getEmbeddedPort());
                }
                Endpoint endpoint = embedded.endpoint(department.key());
                DatabaseProvisioner.createIfMissing(endpoint);
                endpoints.put(department, endpoint);
            } else {
                endpoints.put(department, Endpoint.parse(source.getUrl(), source.getUsername(), source.getPassword()));
            }
        }
        DepartmentStores stores = new DepartmentStores(endpoints, embedded);
        try {
            stores.migrate();
            boolean loadDemo = demo.getEnabled() != null ? demo.getEnabled() : embedded != null;
            if (loadDemo || demo.isLoadOnly()) {
                stores.loadDemo(demo.getScale());
            }
            return stores;
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    public Endpoint endpoint(Department department) {
        return endpoints.get(department);
    }

    /** The embedded server when some department runs on it; the audit store shares it. */
    public Optional<EmbeddedPostgresServer> embedded() {
        return Optional.ofNullable(embedded);
    }

    private void migrate() {
        endpoints.forEach((department, endpoint) -> {
            var result = Flyway.configure()
                    .dataSource(endpoint.jdbcUrl(), endpoint.username(), endpoint.password())
                    .locations("classpath:db/" + department.key())
                    .load()
                    .migrate();
            log.info("{} store at {}: {} migration(s) applied, schema version {}", department.key(),
                    endpoint.jdbcUrl(), result.migrationsExecuted, result.targetSchemaVersion);
        });
    }

    private void loadDemo(double scale) {
        Map<String, DemoTarget> targets = new LinkedHashMap<>();
        endpoints.forEach((department, endpoint) -> targets.put(department.key(),
                new DemoTarget(endpoint.jdbcUrl(), endpoint.username(), endpoint.password())));
        DemoLoadReport report = new DemoDistrictLoader(scale).load(targets);
        log.info("Demo district at scale {}: {}", scale, report);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
