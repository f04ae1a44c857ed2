package shanzhi.gateway.live;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Completes every open subscription when the replica shuts down, so that subscribers get a clean
 * end (graphql-ws "complete", the SSE stream's "complete" event) and can reconnect to another
 * replica, instead of a dropped connection. Stopped first of all lifecycles (highest phase), that
 * is before the web server's graceful shutdown, which then finds the SSE responses finished.
 */
@Component
public class LiveShutdown implements SmartLifecycle {
    private volatile Sinks.One<Boolean> closing = Sinks.one();
    private volatile boolean running;

    /**
     * Emits once, when the replica stops (shuts down); a subscription that starts after that ends
     * at once, until the context is started again.
     */
    public Mono<Boolean> closing() {
        return closing.asMono();
    }

    /** A stopped context can be started again (the test framework pauses idle contexts so): a fresh signal. */
    @Override
    public synchronized void start() {
        if (!running) {
            closing = Sinks.one();
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        closing.tryEmitValue(true);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
