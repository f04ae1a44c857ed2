package shanzhi.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import shanzhi.api.LiveEvent;
import shanzhi.api.LiveEvents;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.TestRedis;
import shanzhi.gateway.redis.RedisKeys;
import shanzhi.gateway.resilience.SourceGuards;
import shanzhi.gateway.sources.Department;

/**
 * The outbox in the shared test gateway: rows written in the mutation's transaction by the
 * triggers, relayed through the Redis stream into LiveEvents, kept while the relay is down and
 * delivered once it runs again, and delivered once even when the relay publishes twice.
 */
class LiveEventsTest extends ApiTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String REPORT = """
            mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { id status } }""";
    private static final String ADVANCE = """
            mutation($id: ID!, $to: GridEventStatus!) { advanceGridEvent(id: $id, to: $to) { id status } }""";

    @Autowired
    LiveEvents live;
    @Autowired
    LiveLifecycle lifecycle;
    @Autowired
    LiveProperties properties;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    RedisKeys keys;
    @Autowired
    @Qualifier("securityPool")
    ConnectionPool securityPool;
    @Autowired
    SourceGuards guards;

    private final List<Disposable> subscriptions = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreRelay() {
        subscriptions.forEach(Disposable::dispose);
        lifecycle.start();
    }

    @Test
    void eachMutationWritesOneOutboxRowInItsTransactionAndARefusedOneWritesNone() throws Exception {
        lifecycle.stop();
        String[] cell = OutboxTables.cellAndWorker();
        String description = "outbox " + UUID.randomUUID();

        long id = Long.parseLong(asWorker(cell[1]).document(REPORT).variables(vars("input", vars("idempotencyKey", newKey(),
                        "category", "SANITATION", "description", description, "cellCode", cell[0], "reporterId", cell[1])))
                .execute().path("reportGridEvent.id").entity(String.class).get());
        assertThat(OutboxTables.rowsFor(Department.GRID, id)).containsExactly("grid_event.reported/REPORTED");

        query(ADVANCE, vars("id", String.valueOf(id), "to", "ACCEPTED"))
                .path("advanceGridEvent.status").entity(String.class).isEqualTo("ACCEPTED");
        assertThat(OutboxTables.rowsFor(Department.GRID, id))
                .containsExactly("grid_event.reported/REPORTED", "grid_event.changed/ACCEPTED");

        assertBadUserInput(query(ADVANCE, vars("id", String.valueOf(id), "to", "RESOLVED")), "advanceGridEvent",
                "ACCEPTED", "RESOLVED");
        assertThat(OutboxTables.rowsFor(Department.GRID, id)).as("a refused transition writes nothing").hasSize(2);

        List<LiveEvent> reported = collect(LiveEvents.GRID_EVENT_REPORTED, id);
        List<LiveEvent> changed = collect(LiveEvents.GRID_EVENT_CHANGED, id);
        lifecycle.start();
        await().atMost(DEADLINE).until(() -> reported.size() == 1 && changed.size() == 1);
        await().atMost(DEADLINE).until(() -> OutboxTables.rowsFor(Department.GRID, id).isEmpty());
        LiveEvent event = reported.get(0);
        assertThat(event.department()).isEqualTo("grid");
        assertThat(event.cellCode()).isEqualTo(cell[0]);
        assertThat(event.payload()).containsEntry("description", description).containsEntry("status", "REPORTED")
                .containsEntry("cell_code", cell[0]);
        assertThat(changed.get(0).payload()).containsEntry("status", "ACCEPTED");
        assertThat(changed.get(0).id()).as("outbox ids increase").isGreaterThan(event.id());
    }

    @Test
    void anIncidentInsertedWithPlainSqlReachesLiveEvents() throws Exception {
        String summary = "sql " + UUID.randomUUID();
        List<LiveEvent> received = new CopyOnWriteArrayList<>();
        subscriptions.add(live.on(LiveEvents.INCIDENT_REPORTED)
                .filter(e -> summary.equals(e.payload().get("summary"))).subscribe(received::add));

        long id = OutboxTables.insertIncident(summary);

        await().atMost(DEADLINE).until(() -> received.size() == 1);
        LiveEvent event = received.get(0);
        assertThat(event.department()).isEqualTo("security");
        assertThat(event.topic()).isEqualTo(LiveEvents.INCIDENT_REPORTED);
        assertThat(((Number) event.payload().get("id")).longValue()).isEqualTo(id);
        assertThat(event.payload()).containsEntry("category", "PUBLIC_ORDER").containsEntry("status", "OPEN");
        assertThat(event.cellCode()).isEqualTo(event.payload().get("cell_code"));
    }

    @Test
    void anEventCommittedWhileTheRelayIsStoppedIsDeliveredWhenItRunsAgain() throws Exception {
        lifecycle.stop();
        long id = OutboxTables.insertIncident("while stopped " + UUID.randomUUID());
        assertThat(OutboxTables.rowsFor(Department.SECURITY, id)).containsExactly("incident.reported/OPEN");

        List<LiveEvent> received = collect(LiveEvents.INCIDENT_REPORTED, id);
        lifecycle.start();

        await().atMost(DEADLINE).until(() -> received.size() == 1);
        await().atMost(DEADLINE).until(() -> OutboxTables.rowsFor(Department.SECURITY, id).isEmpty());
    }

    /**
     * The relay dies between publishing and committing the delete: the rows stay, the next round
     * publishes them again, and the fan-out hands them to subscribers once. The shared relay is
     * stopped (it must not take the row first); a reader of the same stream stands in for it.
     */
    @Test
    void aRelayFailingAfterPublishingKeepsTheRowsAndTheRepeatIsDropped() throws Exception {
        lifecycle.stop();
        SimpleMeterRegistry readerMeters = new SimpleMeterRegistry();
        LiveFanOut fanOut = new LiveFanOut(properties.dedupeWindow(), readerMeters);
        String stream = keys.key(LiveConfiguration.STREAM);
        StreamReader reader = new StreamReader(TestRedis.get().url(), stream, properties, fanOut, readerMeters);
        reader.start();
        try {
            reader.positioned().block(DEADLINE);
            long id = OutboxTables.insertIncident("crash " + UUID.randomUUID());
            List<LiveEvent> received = new CopyOnWriteArrayList<>();
            subscriptions.add(fanOut.on(LiveEvents.INCIDENT_REPORTED)
                    .filter(e -> e.payload().get("id") instanceof Number n && n.longValue() == id)
                    .subscribe(received::add));
            BatchPublisher real = new StreamPublisher(redis, stream, properties.streamMaxLength());
            BatchPublisher dyingAfterPublish = (department, rows) -> real.publish(department, rows)
                    .then(Mono.error(new IllegalStateException("relay died after publishing")));
            OutboxRelay crashing = new OutboxRelay(Department.SECURITY, securityPool, breaker(), dyingAfterPublish, properties,
                    meters);

            assertThat(crashing.relayOnce().onErrorResume(IllegalStateException.class, e -> Mono.just(-1))
                    .block(DEADLINE)).isEqualTo(-1);
            await().atMost(DEADLINE).until(() -> received.size() == 1);
            assertThat(OutboxTables.rowsFor(Department.SECURITY, id)).as("rolled back: still in the outbox").hasSize(1);

            OutboxRelay healthy = new OutboxRelay(Department.SECURITY, securityPool, breaker(), real, properties, meters);
            assertThat(healthy.relayOnce().block(DEADLINE)).isGreaterThanOrEqualTo(1);
            assertThat(OutboxTables.rowsFor(Department.SECURITY, id)).isEmpty();
            await().atMost(DEADLINE).until(() -> readerMeters.counter("shanzhi.live.events.duplicates").count() >= 1);
            assertThat(received).as("delivered once, although published twice").hasSize(1);
        } finally {
            reader.stop().block(DEADLINE);
        }
    }

    private io.github.resilience4j.circuitbreaker.CircuitBreaker breaker() {
        return guards.circuitBreaker(Department.SECURITY);
    }

    private List<LiveEvent> collect(String topic, long rowId) {
        List<LiveEvent> received = new CopyOnWriteArrayList<>();
        subscriptions.add(live.on(topic)
                .filter(e -> e.payload().get("id") instanceof Number n && n.longValue() == rowId)
                .subscribe(received::add));
        return received;
    }
}
