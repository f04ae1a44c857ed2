package shanzhi.gateway.live;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Reads the live stream into this replica's {@link LiveFanOut}. XREAD BLOCK holds its connection
 * for the whole wait, so it has a connection (and client) of its own: on the gateway's shared
 * connection it would stall rate limits and persisted queries behind it.
 *
 * <p>It starts at the stream's end (events committed before this replica started are not news to
 * it) and continues from the last id it saw, also across a lost connection: a replica that loses
 * Redis for a while gets what was added meanwhile, as long as the stream still holds it
 * (shanzhi.live.stream-max-length).
 */
final class StreamReader {
    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final String EMPTY_STREAM = "0-0";

    private final RedisURI uri;
    private final String stream;
    private final LiveProperties properties;
    private final LiveFanOut fanOut;
    private final Counter reconnects;
    private ClientResources resources;
    private RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile String lastId;
    private volatile boolean failing;
    private volatile Sinks.Empty<Void> positioned = Sinks.empty();
    private Disposable loop;

    StreamReader(String redisUrl, String stream, LiveProperties properties, LiveFanOut fanOut, MeterRegistry meters) {
        this.uri = RedisURI.create(redisUrl);
        // A blocked XREAD is an answer that takes read-block: only a wait well beyond it is a dead connection.
        this.uri.setTimeout(properties.readBlock().plusSeconds(5));
        this.stream = stream;
        this.properties = properties;
        this.fanOut = fanOut;
        this.reconnects = meters.counter("shanzhi.live.stream.reconnects");
    }

    synchronized void start() {
        positioned = Sinks.empty();
        if (lastId != null) {
            // Restarted in the same process: go on from where it stopped (repeats are dropped).
            positioned.tryEmitEmpty();
        }
        resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while disconnected, so the loop backs off instead of queueing reads.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        loop = Mono.defer(this::readOnce)
                .repeat()
                .doOnNext(read -> recovered())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY)
                        .maxBackoff(properties.maxBackoff())
                        .transientErrors(true)
                        .doBeforeRetry(signal -> failed(signal.failure())))
                .subscribe();
    }

    /**
     * Completes once the reader knows where it starts: from then on nothing added to the stream
     * escapes it. The relays wait for it, so this replica's subscribers see what it relays.
     */
    Mono<Void> positioned() {
        return positioned.asMono();
    }

    /** Stops reading and releases the connection and the client's threads. */
    synchronized Mono<Void> stop() {
        if (loop == null) {
            return Mono.empty();
        }
        loop.dispose();
        loop = null;
        StatefulRedisConnection<String, String> open = connection;
        connection = null;
        RedisClient stopping = client;
        ClientResources threads = resources;
        Mono<Void> closed = open == null ? Mono.empty() : Mono.fromCompletionStage(open.closeAsync()).then();
        return closed
                .then(Mono.fromCompletionStage(() -> stopping.shutdownAsync(0, 2, TimeUnit.SECONDS)))
                .then(Mono.<Void>create(done -> threads.shutdown(0, 2, TimeUnit.SECONDS).addListener(f -> done.success())))
                .then()
                .onErrorResume(e -> {
                    log.debug("Live stream reader did not close cleanly", e);
                    return Mono.empty();
                });
    }

    /** One XREAD (after finding the stream's end on the first); the number of entries read. */
    private Mono<Long> readOnce() {
        return connection().flatMap(open -> from(open).flatMap(id -> open.reactive()
                .xread(XReadArgs.Builder.block(properties.readBlock()).count(properties.readCount()),
                        XReadArgs.StreamOffset.from(stream, id))
                .doOnNext(this::deliver)
                .count()));
    }

    private Mono<StatefulRedisConnection<String, String>> connection() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            return Mono.just(open);
        }
        return Mono.fromCompletionStage(() -> client.connectAsync(StringCodec.UTF8, uri))
                .doOnNext(created -> connection = created);
    }

    private Mono<String> from(StatefulRedisConnection<String, String> open) {
        String seen = lastId;
        if (seen != null) {
            return Mono.just(seen);
        }
        // "$" would only hold for one XREAD: entries added between two reads would be skipped.
        return open.reactive().xrevrange(stream, Range.create("-", "+"), Limit.from(1))
                .next()
                .map(StreamMessage::getId)
                .defaultIfEmpty(EMPTY_STREAM)
                .doOnNext(id -> {
                    lastId = id;
                    positioned.tryEmitEmpty();
                });
    }

    private void deliver(StreamMessage<String, String> message) {
        lastId = message.getId();
        try {
            fanOut.accept(StreamEntry.decode(message.getBody()));
        } catch (IllegalArgumentException e) {
            log.warn("Skipped live stream entry {}: {}", message.getId(), e.getMessage());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("Live stream reader reading again from {}", lastId);
        }
    }

    /** Logs the first failure of an outage only; Lettuce reconnects, the loop retries with backoff. */
    private void failed(Throwable failure) {
        reconnects.increment();
        if (!failing) {
            failing = true;
            log.warn("Live stream reader lost Redis; retrying (events are kept in the stream meanwhile): {}",
                    failure.toString());
        }
    }
}
