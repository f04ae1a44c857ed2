package shanzhi.gateway.observability;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import shanzhi.gateway.resilience.SourceUnavailable;
import shanzhi.gateway.sources.Department;
import graphql.GraphQLContext;
import reactor.util.context.ContextView;
import shanzhi.gateway.sources.RequestStatements;
import shanzhi.gateway.sources.StatementTally;

/**
 * Observes each call a department's repositories make on its DatabaseClient (one batch of the
 * data loaders is one such call): observation shanzhi.store.statements, which is a timer tagged
 * with the department and outcome (ok, unavailable: refused by the breaker or bulkhead, timed
 * out, store down; error) and a span "store &lt;department&gt;" with the statement count; and
 * summary shanzhi.store.rows, the rows the call returned. Outermost around the source guard, so
 * refusals are timed as the resolvers see them.
 */
public final class StatementObservation {
    static final String NAME = "shanzhi.store.statements";
    private final ObservationRegistry observations;
    private final String department;
    private final DistributionSummary rows;

    public StatementObservation(Department department, ObservationRegistry observations, MeterRegistry meters) {
        this.observations = observations;
        this.department = department.key();
        this.rows = DistributionSummary.builder("shanzhi.store.rows")
                .description("Rows returned per store call").baseUnit("rows")
                .tag("department", department.key()).register(meters);
    }

    public <T> Flux<T> observe(Flux<T> call) {
        return Flux.deferContextual(context -> {
            Observation parent = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
            Observation observation = start(parent != null ? parent : observations.getCurrentObservation());
            StatementTally tally = new StatementTally();
            AtomicLong count = new AtomicLong();
            return call.doOnNext(row -> count.incrementAndGet())
                    .doOnError(observation::error)
                    .doFinally(signal -> stop(observation, signal, tally, count.get(), requestOf(context)))
                    .contextWrite(inner -> inner.put(ObservationThreadLocalAccessor.KEY, observation)
                            .put(StatementTally.class, tally));
        });
    }

    public <T> Mono<T> observe(Mono<T> call) {
        return observe(call.flux()).singleOrEmpty();
    }

    private Observation start(Observation parent) {
        return Observation.createNotStarted(NAME, observations)
                .contextualName("store " + department)
                .parentObservation(parent)
                .lowCardinalityKeyValue("department", department)
                .start();
    }

    /**
     * The tally of the request this call serves: in the Reactor context as the access log put it
     * (fetchers that call a repository themselves), or in the request's GraphQLContext that a
     * batch loader passes along (wiring.SourceLoader).
     */
    private static RequestStatements requestOf(ContextView context) {
        if (context.getOrDefault(RequestStatements.class, null) instanceof RequestStatements tally) {
            return tally;
        }
        return context.getOrDefault(GraphQLContext.class, null) instanceof GraphQLContext request
                ? request.get(RequestStatements.class) : null;
    }

    private void stop(Observation observation, SignalType signal, StatementTally tally, long returned,
                      RequestStatements request) {
        Throwable error = observation.getContext().getError();
        String outcome = error == null ? (signal == SignalType.CANCEL ? "cancelled" : "ok")
                : error instanceof SourceUnavailable ? "unavailable" : "error";
        observation.lowCardinalityKeyValue("outcome", outcome)
                .highCardinalityKeyValue("statements", Integer.toString(tally.statements()))
                .stop();
        rows.record(returned);
        if (request != null) {
            request.add(department, tally.statements());
        }
    }

}
