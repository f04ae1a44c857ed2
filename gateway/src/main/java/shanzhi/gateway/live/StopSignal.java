package shanzhi.gateway.live;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Given once at shutdown: loops check it between rounds, pauses end on it. */
final class StopSignal {
    private final Sinks.Empty<Void> sink = Sinks.empty();
    private volatile boolean given;

    void give() {
        given = true;
        sink.tryEmitEmpty();
    }

    boolean isGiven() {
        return given;
    }

    Mono<Void> asMono() {
        return sink.asMono();
    }
}
