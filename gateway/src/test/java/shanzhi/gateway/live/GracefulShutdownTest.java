package shanzhi.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.redis.RedisKeys;
import shanzhi.gateway.sources.Department;

/**
 * Closing a replica while its relay has a batch in flight: the close waits for the batch, which
 * is published and committed; nothing is lost or left behind. The batch is held in flight by a
 * row lock the test takes on the outbox row, so the relay's claim waits on it.
 */
class GracefulShutdownTest extends ApiTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    LiveLifecycle sharedLifecycle;
    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    RedisKeys keys;

    @BeforeEach
    void stopSharedRelay() {
        sharedLifecycle.stop();
    }

    @AfterEach
    void startSharedRelay() {
        sharedLifecycle.start();
    }

    @Test
    void closingTheContextLetsTheBatchInFlightFinish() throws Exception {
        long incident = OutboxTables.insertIncident("shutdown " + UUID.randomUUID());
        try (Connection holder = OutboxTables.connect(Department.SECURITY)) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT id FROM outbox WHERE (payload->>'id')::bigint = ? FOR SHARE")) {
                lock.setLong(1, incident);
                try (ResultSet rs = lock.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            // Statement timeout above the test's deadline: the claim waits on the lock, it does not fail.
            GatewayInstance replica = GatewayInstance.start(Map.of("shanzhi.sources.security.resilience.timeout", "60s",
                    "shanzhi.live.round-timeout", "60s"));
            try {
                LiveLifecycle lifecycle = replica.bean(LiveLifecycle.class);
                await().atMost(DEADLINE).until(GracefulShutdownTest::relayWaitsOnTheLock);

                Thread closing = new Thread(replica::close, "close-replica");
                closing.start();
                await().atMost(DEADLINE).until(() -> !lifecycle.isRunning());
                assertThat(closing.isAlive()).as("the close waits for the batch in flight").isTrue();
                assertThat(OutboxTables.rowsFor(Department.SECURITY, incident)).hasSize(1);

                holder.commit();
                closing.join(DEADLINE.toMillis());
                assertThat(closing.isAlive()).as("closed once the batch was done").isFalse();
            } finally {
                // Left running, its relay would drain the outbox under the next tests.
                replica.close();
            }
        }
        assertThat(OutboxTables.rowsFor(Department.SECURITY, incident)).as("relayed and deleted").isEmpty();
        assertThat(redis.opsForStream().range(keys.key(LiveConfiguration.STREAM), Range.unbounded())
                .map(entry -> StreamEntry.decode(entry.getValue().entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue())))))
                .filter(event -> event.department().equals("security")
                        && event.topic().equals(shanzhi.api.LiveEvents.INCIDENT_REPORTED)
                        && event.payload().get("id") instanceof Number id && id.longValue() == incident)
                .count().block(DEADLINE)).as("published to the stream").isEqualTo(1L);
    }

    /**
     * The relay's claim waits on the row lock, in the transaction that holds the relay's advisory
     * lock (so lock, claim and delete are one transaction). Asked on a connection of its own:
     * within a transaction, pg_stat_activity is a snapshot taken once.
     */
    private static boolean relayWaitsOnTheLock() throws Exception {
        try (Connection c = OutboxTables.connect(Department.SECURITY); var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity a WHERE datname = current_database() AND wait_event_type = 'Lock' "
                        + "AND query LIKE '%FROM outbox%FOR UPDATE%' AND EXISTS (SELECT 1 FROM pg_locks l "
                        + "WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted "
                        + "AND ((l.classid::bigint << 32) | l.objid::bigint) = " + OutboxRelay.RELAY_LOCK + ")")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
