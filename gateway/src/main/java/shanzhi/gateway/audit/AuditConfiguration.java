package shanzhi.gateway.audit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import shanzhi.gateway.keys.DeploymentKey;
import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.sources.DepartmentStores;
import shanzhi.gateway.sources.Endpoint;
import shanzhi.gateway.sources.SourcesProperties;
import shanzhi.gateway.witness.WitnessProperties;
import shanzhi.gateway.witness.Witnesses;

/**
 * The audit store's own pool, so that a slow audit store cannot take the departments'
 * connections, nor they its; the writer and the verifier over it.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {
    public static final String HASH_KEY = "shanzhi.audit.hash-key";

    @Bean(destroyMethod = "close")
    AuditStore auditStore(AuditProperties audit, DepartmentStores departments) {
        return AuditStore.open(audit, departments.embedded());
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool auditPool(AuditStore store, AuditProperties audit) {
        Endpoint endpoint = store.endpoint();
        SourcesProperties.Pool settings = audit.getPool();
        return new ConnectionPool(ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(
                        PostgresqlConnectionConfiguration.builder()
                                .host(endpoint.host()).port(endpoint.port()).database(endpoint.database())
                                .username(endpoint.username()).password(endpoint.password())
                                .applicationName("shanzhi-audit")
                                .build()))
                .name("audit")
                .initialSize(settings.getInitialSize())
                .maxSize(settings.getMaxSize())
                .maxIdleTime(settings.getMaxIdleTime())
                .maxAcquireTime(settings.getAcquireTimeout())
                .validationDepth(ValidationDepth.LOCAL)
                .build());
    }

    @Bean
    DatabaseClient auditDatabase(@Qualifier("auditPool") ConnectionPool pool) {
        return DatabaseClient.create(pool);
    }

    @Bean
    AuditLog auditLog(@Qualifier("auditDatabase") DatabaseClient database, AuditProperties audit, SigningKeys signer,
                      ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
        AuditLog log = new AuditLog(database, audit.getWriteTimeout(), signer,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        meters.ifAvailable(registry -> {
            FunctionCounter.builder("shanzhi.audit.records", log, AuditLog::records)
                    .description("Audit records committed").register(registry);
            FunctionCounter.builder("shanzhi.audit.statements", log, AuditLog::statements)
                    .description("INSERT statements sent to the audit store (one per group of records)").register(registry);
        });
        return log;
    }

    /** The keyed hashes of records and access log lines, with the deployment's shanzhi.audit.hash-key. */
    @Bean
    AuditHashes documentHash(Environment environment) {
        return new AuditHashes(DeploymentKey.resolve(environment, HASH_KEY, "key of the audit trail's hashes"));
    }

    @Bean
    ChainVerifier chainVerifier(AuditStore store, SigningKeys keys, Witnesses witnesses, ObjectProvider<MeterRegistry> meters) {
        ChainVerifier verifier = new ChainVerifier(store.endpoint(), keys, witnesses);
        meters.ifAvailable(registry -> {
            // 1 intact, 0 broken, NaN not verified yet (or the audit store unreadable): what an alert watches.
            Gauge.builder("shanzhi.audit.chain.intact", verifier, v -> v.lastStatus()
                            .map(status -> status.valid() ? 1.0 : 0.0).orElse(Double.NaN))
                    .description("Whether the last verification found the audit chain intact").register(registry);
            Gauge.builder("shanzhi.audit.witnesses.disagreeing", verifier, v -> v.lastStatus()
                            .map(status -> (double) status.witnesses().stream().filter(w -> !w.agrees()).count())
                            .orElse(Double.NaN))
                    .description("Witnesses the last verification found disagreeing or unreadable").register(registry);
            FunctionCounter.builder("shanzhi.audit.verified_records", verifier, ChainVerifier::recordsRead)
                    .description("Audit records read by verifications").register(registry);
        });
        return verifier;
    }

    @Bean
    CheckpointWriter checkpointWriter(ChainVerifier verifier, SigningKeys keys, Witnesses witnesses,
                                      WitnessProperties properties, ObjectProvider<MeterRegistry> meters) {
        CheckpointWriter writer = new CheckpointWriter(verifier, keys, witnesses, properties.getCheckpointInterval(),
                java.time.Clock.systemUTC());
        meters.ifAvailable(registry -> FunctionCounter.builder("shanzhi.audit.checkpoints", writer, CheckpointWriter::written)
                .description("Checkpoints of the audit chain written to the witnesses").register(registry));
        return writer;
    }
}
