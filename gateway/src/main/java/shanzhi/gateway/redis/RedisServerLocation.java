package shanzhi.gateway.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the gateway's Redis is: the configured shanzhi.redis.url, or an embedded server started
 * here (and stopped with the application) when none is configured.
 */
public final class RedisServerLocation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisServerLocation.class);
    private final String url;
    private final EmbeddedRedisServer embedded;

    private RedisServerLocation(String url, EmbeddedRedisServer embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    public static RedisServerLocation open(RedisProperties properties) {
        if (!properties.embedded()) {
            return new RedisServerLocation(properties.url(), null);
        }
        EmbeddedRedisServer server = EmbeddedRedisServer.start(properties.embeddedPort());
        return new RedisServerLocation(server.url(), server);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                log.warn("Embedded Redis did not stop cleanly", e);
            }
        }
    }
}
