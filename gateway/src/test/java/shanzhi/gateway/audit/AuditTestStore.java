package shanzhi.gateway.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.sources.DatabaseProvisioner;
import shanzhi.gateway.sources.Endpoint;

/** A fresh audit database of its own (created, migrated), for tests that break its chain. */
final class AuditTestStore implements AutoCloseable {
    /** The tests' replica key (the seed every test gateway is configured with). */
    static final SigningKeys KEYS = SigningKeys.of("test-replica",
            java.util.Base64.getDecoder().decode(GatewayTestConfiguration.SIGNING_SEED), java.util.Map.of());
    private final AuditStore store;

    private AuditTestStore(AuditStore store) {
        this.store = store;
    }

    static AuditTestStore fresh(String key) {
        TestDatabases databases = TestDatabases.get();
        DatabaseProvisioner.createIfMissing(Endpoint.parse(databases.url(key), databases.user(), databases.password()));
        AuditProperties properties = new AuditProperties();
        properties.setUrl(databases.url(key));
        properties.setUsername(databases.auditWriter());
        properties.setPassword(databases.auditWriterPassword());
        properties.setMigrationUsername(databases.user());
        properties.setMigrationPassword(databases.password());
        return new AuditTestStore(AuditStore.open(properties, Optional.empty()));
    }

    /**
     * Records that differ in every field kind, including nulls and non-ASCII text; every fourth is
     * a version-1 record as written before refusals existed, so one chain mixes both versions.
     */
    /** Every fourth a version 1 record; of the others, every third one of a signed response. */
    static AuditEntry sampleEntry(int i) {
        boolean v1 = i % 4 == 0;
        AuditEntry entry = new AuditEntry(v1 ? 1 : AuditEntry.CURRENT, Instant.now().truncatedTo(ChronoUnit.MICROS),
                "worker-" + i + "-网格员", List.of("GRID_WORKER", "POLICE"), "440513001", "app-" + i,
                i % 2 == 0 ? (long) i : null, "query", i % 3 == 0 ? null : "Op" + i, "%064x".formatted(i),
                v1 ? null : "%064x".formatted(i + 1), List.of((long) i, i + 10L), List.of("name", "phone"),
                v1 ? List.of() : List.of("Region.residents region=440513001 filter=" + i),
                v1 ? List.of() : List.of("@allow Region.incidents"), v1 ? AuditEntry.Outcome.OK : AuditEntry.Outcome.REFUSED);
        return !v1 && i % 3 == 1 ? entry.withResponseDigest("%064x".formatted(i * 7L)) : entry;
    }

    Endpoint endpoint() {
        return store.endpoint();
    }

    /** A writer connecting as {@code user} (no pool: each append opens its own connection). */
    AuditLog log(String user, String password) {
        Endpoint endpoint = store.endpoint();
        return new AuditLog(DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(endpoint.host()).port(endpoint.port()).database(endpoint.database())
                .username(user).password(password)
                .build())), Duration.ofSeconds(10), KEYS);
    }

    AuditLog log() {
        return log(store.endpoint().username(), store.endpoint().password());
    }

    ChainVerifier verifier() {
        return new ChainVerifier(store.endpoint(), KEYS);
    }

    /** The records as the server's superuser sees them (tests tamper with them as an intruder would). */
    AuditRecords records() {
        TestDatabases databases = TestDatabases.get();
        return new AuditRecords(store.endpoint().jdbcUrl(), databases.user(), databases.password());
    }

    @Override
    public void close() {
        store.close();
    }
}
