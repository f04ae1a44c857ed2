package shanzhi.gateway.live;

import java.util.List;

import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Appends outbox rows to the one live stream every replica reads. XADD is quick, so it runs on
 * the gateway's shared Redis connection (only the blocking XREAD needs its own). One entry at a
 * time (concatMap) so the stream keeps the outbox's order.
 */
final class StreamPublisher implements BatchPublisher {
    private final ReactiveStringRedisTemplate redis;
    private final String stream;
    private final XAddOptions trim;

    StreamPublisher(ReactiveStringRedisTemplate redis, String stream, long maxLength) {
        this.redis = redis;
        this.stream = stream;
        this.trim = XAddOptions.maxlen(maxLength).approximateTrimming(true);
    }

    @Override
    public Mono<Void> publish(String department, List<OutboxRow> rows) {
        return Flux.fromIterable(rows)
                .concatMap(row -> redis.opsForStream().add(stream, StreamEntry.fields(department, row), trim))
                .then();
    }
}
