package shanzhi.gateway.trusted;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import shanzhi.gateway.redis.RedisBreaker;
import shanzhi.gateway.redis.RedisBreakers;
import shanzhi.gateway.redis.RedisKeys;

/**
 * The documents in Redis, shared by all replicas. Two separate places, because only one of them
 * is a trust decision: a hash of operator-registered documents (filled only through the admin
 * endpoint, never expires) and APQ entries (any authenticated client registers on first use;
 * they expire and are only a bandwidth saving).
 * <p>
 * The request path's calls (find, isRegistered, remember) go through the redis-documents breaker,
 * so a hung Redis fails them at once after its first timeouts; the operators' registration calls
 * do not (an operator wants Redis's own error, and they are rare).
 */
@Component
public class PersistedDocuments {
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final TrustedDocumentsProperties properties;
    private final RedisBreaker breaker;

    public PersistedDocuments(ReactiveStringRedisTemplate redis, RedisKeys keys, TrustedDocumentsProperties properties,
                              RedisBreakers breakers) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
        this.breaker = breakers.breaker("documents", properties.redisTimeout());
    }

    public RedisBreaker breaker() {
        return breaker;
    }

    /** The document with this hash: operator-registered first, else an APQ entry; empty if neither. */
    public Mono<StoredDocument> find(String hash) {
        Mono<StoredDocument> registered = redis.<String, String>opsForHash().get(registeredKey(), hash)
                .map(text -> new StoredDocument(text, true));
        Mono<StoredDocument> automatic = redis.opsForValue().get(apqKey(hash))
                .map(text -> new StoredDocument(text, false));
        // One guarded call: the two reads are one lookup, and a miss of the first must not double the wait.
        return breaker.guard(registered.switchIfEmpty(automatic));
    }

    public Mono<Boolean> isRegistered(String hash) {
        return breaker.guard(redis.opsForHash().hasKey(registeredKey(), hash));
    }

    /** Operator registration; returns the hash. Registering the same document again changes nothing. */
    public Mono<String> register(String document) {
        String hash = DocumentHash.of(document);
        return redis.<String, String>opsForHash().put(registeredKey(), hash, document).thenReturn(hash);
    }

    /** Withdraws an operator registration; true if there was one. */
    public Mono<Boolean> unregister(String hash) {
        return redis.opsForHash().remove(registeredKey(), hash).map(removed -> removed > 0);
    }

    /** APQ registration: the client sent the hash with the document, which matched. */
    public Mono<Boolean> remember(String hash, String document) {
        return breaker.guard(redis.opsForValue().set(apqKey(hash), document, properties.apqTtl()));
    }

    private String registeredKey() {
        return keys.key("trusted-documents");
    }

    private String apqKey(String hash) {
        return keys.key("apq", hash);
    }
}
