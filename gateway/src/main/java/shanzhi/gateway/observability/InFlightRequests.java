package shanzhi.gateway.observability;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Gauge shanzhi.http.in_flight: HTTP requests this replica is answering now (an open
 * subscription counts while its stream lasts). The Helm chart's optional HPA metric: unlike CPU
 * it grows when the replica waits on slow stores.
 */
@Component
public class InFlightRequests implements WebFilter, Ordered {
    private final AtomicInteger inFlight = new AtomicInteger();

    public InFlightRequests(MeterRegistry registry) {
        Gauge.builder("shanzhi.http.in_flight", inFlight, AtomicInteger::get)
                .description("HTTP requests being answered").baseUnit("requests").register(registry);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.defer(() -> {
            inFlight.incrementAndGet();
            return chain.filter(exchange).doFinally(signal -> inFlight.decrementAndGet());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
