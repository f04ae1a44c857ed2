package shanzhi.gateway.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.redis.*: the Redis shared by all gateway replicas (trusted documents, APQ, rate
 * limits). Without a url the gateway starts an embedded Redis, like the embedded PostgreSQL.
 *
 * @param url            redis://[:password@]host[:port][/database] or rediss:// for TLS; empty: embedded
 * @param keyPrefix      put before every key, so several gateways (or test runs) can share a server
 * @param embeddedPort   port of the embedded Redis; 0 picks a free one
 * @param commandTimeout a Redis command that takes longer fails (and the caller decides what that means)
 */
@ConfigurationProperties("shanzhi.redis")
public record RedisProperties(
        String url,
        @DefaultValue("shanzhi:") String keyPrefix,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("2s") Duration commandTimeout) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
