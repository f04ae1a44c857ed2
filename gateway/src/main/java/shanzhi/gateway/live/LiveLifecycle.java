package shanzhi.gateway.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import reactor.core.publisher.Mono;

/**
 * Runs the outbox relays and the stream reader with the application. Its phase is below the web
 * server's, so on shutdown it stops after the server has finished its requests (their commits
 * are relayed in the last rounds) and before the pools close (beans are destroyed after every
 * lifecycle has stopped). The relays begin once the reader knows where it starts reading, so
 * this replica's subscribers see what it relays itself. Stopping lets each relay finish the round in flight, then stops the
 * reader. Restartable: tests stop and start it to play a relay outage.
 */
public final class LiveLifecycle implements SmartLifecycle {
    /** Below the web server's graceful shutdown (DEFAULT_PHASE - 1024) and its stop (- 2048). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    private static final Logger log = LoggerFactory.getLogger(LiveLifecycle.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final List<OutboxRelay> relays;
    private final StreamReader reader;
    private StopSignal stop;
    private Mono<Void> relaysDone;
    private final boolean autoStartup;
    private boolean running;

    LiveLifecycle(List<OutboxRelay> relays, StreamReader reader, boolean autoStartup) {
        this.relays = List.copyOf(relays);
        this.reader = reader;
        this.autoStartup = autoStartup;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stop = new StopSignal();
        List<Mono<Void>> done = new ArrayList<>();
        reader.start();
        for (OutboxRelay relay : relays) {
            // cache(): the loop runs once, from here; stop() only waits for its end.
            StopSignal given = stop;
            Mono<Void> loop = Mono.firstWithSignal(reader.positioned(), given.asMono())
                    .then(Mono.defer(() -> given.isGiven() ? Mono.<Void>empty() : relay.run(given)))
                    .doOnError(e -> log.error("Outbox relay of {} ended unexpectedly", relay.department().key(), e))
                    .onErrorResume(e -> Mono.empty())
                    .cache();
            loop.subscribe();
            done.add(loop);
        }
        relaysDone = Mono.when(done);
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        stopping().subscribe(null, e -> callback.run(), callback);
    }

    @Override
    public void stop() {
        stopping().block(STOP_TIMEOUT);
    }

    private synchronized Mono<Void> stopping() {
        if (!running) {
            return Mono.empty();
        }
        running = false;
        stop.give();
        return relaysDone.then(Mono.defer(reader::stop));
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
