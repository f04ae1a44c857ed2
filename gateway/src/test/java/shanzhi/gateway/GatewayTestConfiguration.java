package shanzhi.gateway;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import shanzhi.gateway.sources.DatabaseProvisioner;
import shanzhi.gateway.sources.DemoOnlyOnEmbeddedServers;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.Endpoint;

/**
 * Points every department and the audit store at fresh test databases (loading the demo
 * district there) and the gateway at the test Redis under the run's key prefix.
 */
@TestConfiguration(proxyBeanMethods = false)
public class GatewayTestConfiguration {
    public static final double TEST_SCALE = 0.05;
    /** Key of the shared test context's audit database (see TestDatabases#url(String)). */
    public static final String AUDIT = "audit";
    /**
     * The deployment keys of every gateway under test (base64 of 32 bytes), set as production
     * sets them, so that replicas share them and tests can recompute keyed hashes independently.
     */
    public static final String CURSOR_KEY = "Y3Vyc29yLWtleS1vZi10aGUtdGVzdHMtMzItYnl0ZXM=";
    public static final String AUDIT_HASH_KEY = "YXVkaXQtaGFzaC1rZXktb2YtdGhlLXRlc3RzLTMyYnk=";
    public static final String SIGNING_SEED = "c2lnbmluZy1zZWVkLW9mLXRoZS10ZXN0cy0zMi1ieXQ=";

    /** The properties of a gateway under test; extra instances start from them too. */
    public static Map<String, Object> properties() {
        TestDatabases databases = TestDatabases.get();
        Map<String, Object> properties = new HashMap<>();
        for (Department department : Department.values()) {
            String prefix = "shanzhi.sources." + department.key() + ".";
            properties.put(prefix + "url", databases.url(department));
            properties.put(prefix + "username", databases.user());
            properties.put(prefix + "password", databases.password());
            // Several gateways run in one test JVM against one server (max_connections 100): small pools.
            properties.put(prefix + "pool.initial-size", "1");
            properties.put(prefix + "pool.max-size", "4");
            DatabaseProvisioner.createIfMissing(
                    Endpoint.parse(databases.url(department), databases.user(), databases.password()));
        }
        properties.put("shanzhi.audit.url", databases.url(AUDIT));
        // The gateway appends as a writer login and migrates as the owner, as in production.
        properties.put("shanzhi.audit.username", databases.auditWriter());
        properties.put("shanzhi.audit.password", databases.auditWriterPassword());
        properties.put("shanzhi.audit.migration-username", databases.user());
        properties.put("shanzhi.audit.migration-password", databases.password());
        properties.put("shanzhi.audit.pool.initial-size", "1");
        properties.put("shanzhi.audit.pool.max-size", "4");
        DatabaseProvisioner.createIfMissing(Endpoint.parse(databases.url(AUDIT), databases.user(), databases.password()));
        properties.put("shanzhi.cursors.key", CURSOR_KEY);
        properties.put("shanzhi.audit.hash-key", AUDIT_HASH_KEY);
        properties.put("shanzhi.evidence.signing.seed", SIGNING_SEED);
        properties.put("shanzhi.demo.enabled", "true");
        // The tests mint demo tokens against the machine's PostgreSQL and Redis on purpose.
        properties.put(DemoOnlyOnEmbeddedServers.ALLOW, "true");
        properties.put("shanzhi.demo.scale", String.valueOf(TEST_SCALE));
        TestRedis redis = TestRedis.get();
        properties.put("shanzhi.redis.url", redis.url());
        properties.put("shanzhi.redis.key-prefix", redis.keyPrefix());
        // The API suites send hundreds of requests as one subject; the limit has its own tests.
        properties.put("shanzhi.rate-limit.subject.rate", "100000");
        properties.put("shanzhi.rate-limit.subject.burst", "100000");
        properties.put("shanzhi.rate-limit.client.rate", "100000");
        properties.put("shanzhi.rate-limit.client.burst", "100000");
        // Every request traced in the tests (production samples a tenth).
        properties.put("management.tracing.sampling.probability", "1.0");
        return properties;
    }

    public static class Databases implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-databases", properties()));
        }
    }
}
