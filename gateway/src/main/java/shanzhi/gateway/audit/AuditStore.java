package shanzhi.gateway.audit;

import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import shanzhi.gateway.sources.DatabaseProvisioner;
import shanzhi.gateway.sources.EmbeddedPostgresServer;
import shanzhi.gateway.sources.Endpoint;
import shanzhi.gateway.sources.GeneratedPassword;

/**
 * The audit database, ready to append to: located (configured, or created on the embedded
 * PostgreSQL, shared with the departments when they run there) and migrated with its own Flyway
 * history from db/audit as the tables' owner. The gateway then appends as a writer login only
 * (member of shanzhi_audit_writer, never the owner or a superuser; checked here, the start fails
 * otherwise). Runs once at startup, before the gateway serves.
 */
public final class AuditStore implements AutoCloseable {
    public static final String DATABASE = "audit";
    /** The writer login the gateway creates on the embedded PostgreSQL. */
    public static final String EMBEDDED_WRITER = "shanzhi_audit_app";
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
            Endpoint writer = Endpoint.parse(audit.getUrl(), audit.getUsername(), audit.getPassword());
            if (audit.getMigrationUsername() != null && !audit.getMigrationUsername().isBlank()) {
                migrate(writer.as(audit.getMigrationUsername(), audit.getMigrationPassword()));
            } else {
                log.info("audit store at {}: migrations not run by the gateway (no shanzhi.audit.migration-username)",
                        writer.jdbcUrl());
            }
            AuditWriterLogin.requireWriterOnly(writer);
            return new AuditStore(writer, null);
        }
        EmbeddedPostgresServer own = sharedEmbedded.isPresent() ? null : EmbeddedPostgresServer.start(0);
        EmbeddedPostgresServer server = sharedEmbedded.orElse(own);
        try {
            Endpoint owner = server.endpoint(DATABASE);
            DatabaseProvisioner.createIfMissing(owner);
            migrate(owner);
            // The embedded server's superuser owns the tables; the pool gets a writer login of its own.
            Endpoint writer = owner.as(EMBEDDED_WRITER, GeneratedPassword.next());
            AuditWriterLogin.ensure(owner, writer.username(), writer.password());
            AuditWriterLogin.requireWriterOnly(writer);
            return new AuditStore(writer, own);
        } catch (RuntimeException e) {
            new AuditStore(null, own).close();
            throw e;
        }
    }

    /** Where the pool connects, as the writer login. */
    public Endpoint endpoint() {
        return endpoint;
    }

    private static void migrate(Endpoint owner) {
        var result = Flyway.configure()
                .dataSource(owner.jdbcUrl(), owner.username(), owner.password())
                .locations("classpath:db/audit")
                .load()
                .migrate();
        log.info("audit store at {}: {} migration(s) applied as {}, schema version {}", owner.jdbcUrl(),
                result.migrationsExecuted, owner.username(), result.targetSchemaVersion);
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
