package shanzhi.gateway.live;

import java.util.List;

import reactor.core.publisher.Mono;

/** Where a relay hands a claimed batch; completes once every row is published, in order. */
@FunctionalInterface
interface BatchPublisher {
    Mono<Void> publish(String department, List<OutboxRow> rows);
}
