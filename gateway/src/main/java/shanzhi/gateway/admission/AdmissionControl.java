package shanzhi.gateway.admission;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Admits a bounded number of GraphQL requests in flight on this replica ({@link AdmissionLimit})
 * and answers the rest at once with 503 (see {@link Overloaded}), so that under overload the
 * admitted requests keep their latency and the others learn it in a millisecond instead of all
 * waiting for the pools together.
 * <p>
 * The filter is not a bean: Spring Security's chain runs it, right after CORS (so a browser can
 * read the 503) and before the token is verified (so a refusal costs no signature check, no
 * Redis call, no store). A WebFilter bean would be put in the application's chain as well.
 * Gauges shanzhi.admission.in_flight and shanzhi.admission.capacity (the limit now), counter
 * shanzhi.admission.rejected.
 */
public final class AdmissionControl {
    private final AdmissionLimit slots;
    private final CountedRequests counted;
    private final Overloaded overloaded;
    private final Counter rejected;
    private final WebFilter filter = this::filter;

    AdmissionControl(AdmissionLimit limit, CountedRequests counted, Overloaded overloaded, MeterRegistry registry) {
        this.slots = limit;
        this.counted = counted;
        this.overloaded = overloaded;
        Gauge.builder("shanzhi.admission.in_flight", slots, AdmissionLimit::inFlight)
                .description("GraphQL requests admitted and not yet answered").baseUnit("requests").register(registry);
        Gauge.builder("shanzhi.admission.capacity", slots, AdmissionLimit::capacity)
                .description("GraphQL requests admitted at most at once now (fixed, or where the adaptive limit stands)")
                .baseUnit("requests").register(registry);
        this.rejected = Counter.builder("shanzhi.admission.rejected")
                .description("GraphQL requests refused with 503 because the replica was full").register(registry);
    }

    /** For Spring Security's chain (SecurityConfiguration). */
    public WebFilter filter() {
        return filter;
    }

    public int inFlight() {
        return slots.inFlight();
    }

    public int capacity() {
        return slots.capacity();
    }

    private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!counted.counts(exchange)) {
            return chain.filter(exchange);
        }
        AdmissionLimit.Slot slot = slots.tryTake();
        if (slot == null) {
            rejected.increment();
            return overloaded.answer(exchange.getResponse());
        }
        // Deferred, so that a chain that throws while assembling still ends in doFinally; the slot
        // is given back on completion, on error and on cancellation (client gone, server stopping),
        // and only an answer is a latency sample.
        return Mono.defer(() -> chain.filter(exchange)).doFinally(signal -> {
            if (signal == SignalType.ON_COMPLETE) {
                slot.answered();
            } else {
                slot.abandoned();
            }
        });
    }
}
