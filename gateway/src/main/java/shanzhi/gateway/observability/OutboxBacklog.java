package shanzhi.gateway.observability;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.gateway.sources.Department;

/**
 * Gauge shanzhi.live.outbox.backlog{department}: events committed in a store's outbox and not
 * yet relayed to Redis, counted every shanzhi.observability.backlog-interval. A backlog that
 * grows means the relay is stuck (Redis down, its breaker open). A count that fails keeps the
 * last value (the store's own meters and health say it is down). Only while serving.
 */
@Component
@ConditionalOnWebApplication
public class OutboxBacklog implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);
    private final Map<Department, DatabaseClient> stores = new EnumMap<>(Department.class);
    private final Map<Department, AtomicLong> backlog = new EnumMap<>(Department.class);
    private final ObservabilityProperties properties;
    private volatile Disposable counting;

    public OutboxBacklog(@Qualifier("peoplePool") ConnectionPool people, @Qualifier("gridPool") ConnectionPool grid, @Qualifier("securityPool") ConnectionPool security,
                         @Qualifier("legalPool") ConnectionPool legal, MeterRegistry registry,
                         ObservabilityProperties properties) {
        this.properties = properties;
        // The pools directly: a count is no API statement (no breaker permit, not in the statement count).
        for (var store : List.of(Map.entry(Department.PEOPLE, people), Map.entry(Department.GRID, grid),
                Map.entry(Department.SECURITY, security), Map.entry(Department.LEGAL, legal))) {
            stores.put(store.getKey(), DatabaseClient.create(store.getValue()));
            AtomicLong rows = new AtomicLong();
            backlog.put(store.getKey(), rows);
            Gauge.builder("shanzhi.live.outbox.backlog", rows, AtomicLong::get)
                    .description("Outbox rows not yet relayed").baseUnit("events")
                    .tag("department", store.getKey().key()).register(registry);
        }
    }

    /** Counts every store once now. */
    Mono<Void> countAll() {
        return Flux.fromIterable(stores.entrySet())
                .flatMap(store -> store.getValue().sql("SELECT count(*) AS backlog FROM outbox")
                        .map((row, meta) -> row.get("backlog", Long.class))
                        .one()
                        .doOnNext(backlog.get(store.getKey())::set)
                        .onErrorResume(failure -> {
                            log.debug("Outbox of {} not counted: {}", store.getKey().key(), failure.toString());
                            return Mono.empty();
                        }))
                .then();
    }

    @Override
    public void start() {
        counting = Flux.interval(Duration.ZERO, properties.backlogInterval()).onBackpressureDrop()
                .concatMap(tick -> countAll(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = counting;
        if (running != null) {
            running.dispose();
        }
        counting = null;
    }

    @Override
    public boolean isRunning() {
        return counting != null;
    }
}
