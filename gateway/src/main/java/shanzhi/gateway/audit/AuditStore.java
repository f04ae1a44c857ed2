package shanzhi.gateway.audit;

import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import shanzhi.gateway.sources.DatabaseProvisioner;
import shanzhi.gateway.sources.EmbeddedPostgresServer;
import shanzhi.gateway.sources.Endpoint;

/**
 * The audit database, ready to append to: located (configured, or created on the embedded
 * PostgreSQL, shared with the departments when they run there) and migrated with its own Flyway
 * history from db/audit. Runs once at startup, before the gateway serves.
 */
public final class AuditStore implements AutoCloseable {
    public static final String DATABASE = "audit";
    private static final Logger log = LoggerFactory.getLogger(AuditStore.class);
    private final Endpoint endpoint;
    private final EmbeddedPostgresServer ownEmbedded;

    private AuditStore(Endpoint endpoint, EmbeddedPostgresServer ownEmbedded) {
        this.endpoint = endpoint;
        this.ownEmbedded = ownEmbedded;
    }

    /** {@code sharedEmbedded}: the departments' embedded server, if they run on one. */
    public static AuditStore open(AuditProperties audit, Optional<EmbeddedPostgresServer> sharedEmbedded) {
        if (audit.getUrl() != null && !audit.getUrl().isBlank()) {
            AuditStore store = new AuditStore(Endpoint.parse(audit.getUrl(), audit.getUsername(), audit.getPassword()),
                    null);
            store.migrate(audit);
            return store;
        }
        EmbeddedPostgresServer own = sharedEmbedded.isPresent() ? null : EmbeddedPostgresServer.start(0);
        EmbeddedPostgresServer server = sharedEmbedded.orElse(own);
        AuditStore store = new AuditStore(server.endpoint(DATABASE), own);
        try {
            DatabaseProvisioner.createIfMissing(store.endpoint);
            store.migrate(audit);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    private void migrate(AuditProperties audit) {
        boolean owner = audit.getMigrationUsername() != null && !audit.getMigrationUsername().isBlank();
        var result = Flyway.configure()
                .dataSource(endpoint.jdbcUrl(), owner ? audit.getMigrationUsername() : endpoint.username(),
                        owner ? audit.getMigrationPassword() : endpoint.password())
                .locations("classpath:db/audit")
                .load()
                .migrate();
        log.info("audit store at {}: {} migration(s) applied, schema version {}", endpoint.jdbcUrl(),
                result.migrationsExecuted, result.targetSchemaVersion);
    }

    @Override
    public void close() {
        if (ownEmbedded != null) {
            try {
                ownEmbedded.close();
            } catch (Exception e) {
                log.warn("Embedded PostgreSQL of the audit store did not stop cleanly", e);
            }
        }
    }
}
