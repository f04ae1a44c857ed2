package shanzhi.gateway.redis;

/** Builds the gateway's Redis key names, all under the configured prefix. */
public record RedisKeys(String prefix) {

    public String key(String... parts) {
        return prefix + String.join(":", parts);
    }
}
