package shanzhi.gateway;

import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import shanzhi.gateway.redis.EmbeddedRedisServer;

/**
 * The real Redis the tests run against, chosen once per test JVM like TestDatabases: the local
 * server on 127.0.0.1:6379 when it answers PING, else a Testcontainers container when Docker is
 * there, else the embedded server. Each run writes under its own key prefix and deletes its
 * keys when the JVM exits, so runs and other users of the server do not collide.
 */
public final class TestRedis {
    private static TestRedis instance;
    private final String url;
    private final String keyPrefix = "shanzhi-t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + ":";

    private TestRedis(String url) {
        this.url = url;
    }

    /** The breaker settings of the application's defaults, for limiters and budgets built by hand in tests. */
    public static shanzhi.gateway.redis.RedisBreakerProperties breakerSettings() {
        return new shanzhi.gateway.redis.RedisBreakerProperties(10, 50, java.time.Duration.ofSeconds(5), 2);
    }

    public static synchronized TestRedis get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::deleteKeys));
        }
        return instance;
    }

    private static TestRedis start() {
        String local = "redis://127.0.0.1:6379";
        if (answers(local)) {
            return new TestRedis(local);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            return new TestRedis("redis://" + container.getHost() + ":" + container.getMappedPort(6379));
        }
        return new TestRedis(EmbeddedRedisServer.start(0).url());
    }

    public String url() {
        return url;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    /** A synchronous connection for test assertions on the stored keys (never used by the gateway). */
    public StatefulRedisConnection<String, String> connect() {
        return RedisClient.create(url).connect();
    }

    private void deleteKeys() {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var commands = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = commands.scan(cursor, ScanArgs.Builder.matches(keyPrefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    commands.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (Exception e) {
            System.err.println("Could not delete test keys " + keyPrefix + "*: " + e.getMessage());
        } finally {
            client.shutdown();
        }
    }

    private static boolean answers(String url) {
        RedisClient client = RedisClient.create(url);
        client.setDefaultTimeout(java.time.Duration.ofMillis(500));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return "PONG".equals(connection.sync().ping());
        } catch (Exception e) {
            return false;
        } finally {
            client.shutdown();
        }
    }
}
