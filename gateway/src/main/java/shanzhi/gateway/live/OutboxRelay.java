package shanzhi.gateway.live;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;
import shanzhi.gateway.sources.Department;

/**
 * Moves one department's outbox to the live stream. Each round is one transaction: take the
 * department's relay lock (so one replica relays a store at a time, in id order), claim the
 * oldest rows, publish them, delete them, commit. A failure anywhere rolls back and the rows
 * stay for the next round; a crash after publishing and before the commit publishes them again
 * (at least once: readers drop repeats by department and id).
 *
 * <p>It talks to the department's pool directly, not through the guarded, counted DatabaseClient
 * the API uses: polling must not take bulkhead permits from requests, count towards (or use up
 * the probes of) the API's breaker, or show up in the statement counts; it has its own backoff
 * and round timeout. It does respect the breaker: while it is open, the store is left alone by
 * the relay too, and the round waits (the breaker half-opens on its own after its wait).
 */
final class OutboxRelay {
    /** Advisory lock key; per database, so the same key serves every department. */
    static final long RELAY_LOCK = 4405130004L;
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String CLAIM = "SELECT id, topic, cell_code, payload::text AS payload FROM outbox "
            + "ORDER BY id LIMIT :limit FOR UPDATE";

    private final Department department;
    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final BatchPublisher publisher;
    private final LiveProperties properties;
    private final Counter relayed;
    private final Counter failures;
    private final CircuitBreaker breaker;
    private int consecutiveFailures;

    OutboxRelay(Department department, ConnectionFactory pool, CircuitBreaker breaker, BatchPublisher publisher,
                LiveProperties properties, MeterRegistry meters) {
        this.department = department;
        this.breaker = breaker;
        this.db = DatabaseClient.create(pool);
        this.transaction = TransactionalOperator.create(new R2dbcTransactionManager(pool));
        this.publisher = publisher;
        this.properties = properties;
        this.relayed = meters.counter("shanzhi.live.relay.events", "department", department.key());
        this.failures = meters.counter("shanzhi.live.relay.failures", "department", department.key());
    }

    Department department() {
        return department;
    }

    /**
     * Rounds until {@code stop} is given; a round in flight then is finished (published and
     * committed, or rolled back), never cut off; only the pause after it is. Completes after the
     * last round.
     */
    Mono<Void> run(StopSignal stop) {
        return Mono.defer(this::roundOutcome)
                .flatMap(pause -> Mono.firstWithSignal(Mono.delay(pause).then(), stop.asMono()))
                .repeat(() -> !stop.isGiven())
                .then();
    }

    /** One round; the rows relayed (0 when the outbox was empty or another replica holds the lock). */
    Mono<Integer> relayOnce() {
        // An idle store is the common case: one cheap read instead of a transaction with a lock.
        return db.sql("SELECT EXISTS (SELECT 1 FROM outbox) AS pending")
                .map((row, meta) -> row.get("pending", Boolean.class))
                .one()
                .flatMap(pending -> pending ? claimedRound() : Mono.just(0));
    }

    private Mono<Integer> claimedRound() {
        Mono<Integer> round = db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked")
                .bind("key", RELAY_LOCK)
                .map((row, meta) -> row.get("locked", Boolean.class))
                .one()
                .flatMap(locked -> locked ? claimPublishDelete() : Mono.just(0));
        return transaction.transactional(round);
    }

    private Mono<Integer> claimPublishDelete() {
        return db.sql(CLAIM).bind("limit", properties.batchSize())
                .map((row, meta) -> new OutboxRow(row.get("id", Long.class), row.get("topic", String.class),
                        row.get("cell_code", String.class), row.get("payload", String.class)))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0)
                        : publisher.publish(department.key(), rows).then(delete(rows)).thenReturn(rows.size()));
    }

    private Mono<Long> delete(List<OutboxRow> rows) {
        return db.sql("DELETE FROM outbox WHERE id = ANY(CAST(:ids AS bigint[]))")
                .bind("ids", rows.stream().map(OutboxRow::id).toArray(Long[]::new))
                .fetch()
                .rowsUpdated();
    }

    /** Runs a round and says how long to pause before the next: none after a full batch. */
    private Mono<Duration> roundOutcome() {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            return Mono.just(properties.pollInterval());
        }
        return relayOnce()
                .timeout(properties.roundTimeout())
                .map(count -> {
                    recovered();
                    relayed.increment(count);
                    return count >= properties.batchSize() ? Duration.ZERO : properties.pollInterval();
                })
                .onErrorResume(failure -> Mono.just(failed(failure)));
    }

    private void recovered() {
        if (consecutiveFailures > 0) {
            log.info("Outbox relay of {} recovered after {} failed round(s)", department.key(), consecutiveFailures);
            consecutiveFailures = 0;
        }
    }

    /** Logs the first failure of an outage only; backs off exponentially up to max-backoff. */
    private Duration failed(Throwable failure) {
        failures.increment();
        if (consecutiveFailures++ == 0) {
            log.warn("Outbox relay of {} failed; events stay in the outbox and are retried until it recovers: {}",
                    department.key(), failure.toString());
        }
        long factor = 1L << Math.min(consecutiveFailures - 1, 16);
        Duration pause = properties.pollInterval().multipliedBy(factor);
        return pause.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : pause;
    }
}
