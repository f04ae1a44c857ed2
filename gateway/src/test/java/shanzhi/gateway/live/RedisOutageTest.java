package shanzhi.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import shanzhi.api.LiveEvent;
import shanzhi.api.LiveEvents;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.redis.EmbeddedRedisServer;
import shanzhi.gateway.sources.Department;

/**
 * A replica on a Redis of the test's own (started, stopped and started again on one port): events
 * committed while Redis is down stay in the outbox and arrive once it is back; the relay and the
 * reader recover by themselves. The shared gateway's relay is stopped meanwhile, so that this
 * replica is the one relaying the stores.
 */
class RedisOutageTest extends ApiTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static int port;
    private static EmbeddedRedisServer redis;
    private static GatewayInstance replica;

    @Autowired
    LiveLifecycle sharedLifecycle;

    @BeforeAll
    static void startRedisAndReplica() {
        port = freePort();
        redis = EmbeddedRedisServer.start(port);
        replica = GatewayInstance.start(Map.of("shanzhi.redis.url", redis.url(),
                "shanzhi.live.max-backoff", "1s"));
    }

    @AfterAll
    static void stopReplicaAndRedis() throws IOException {
        if (replica != null) {
            replica.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void stopSharedRelay() {
        sharedLifecycle.stop();
    }

    @AfterEach
    void startSharedRelay() {
        sharedLifecycle.start();
    }

    @Test
    void anEventCommittedWhileRedisIsDownArrivesOnceRedisIsBack() throws Exception {
        String run = UUID.randomUUID().toString();
        List<LiveEvent> received = new CopyOnWriteArrayList<>();
        Disposable subscription = replica.bean(LiveEvents.class).on(LiveEvents.INCIDENT_REPORTED)
                .filter(e -> String.valueOf(e.payload().get("summary")).startsWith(run)).subscribe(received::add);
        MeterRegistry meters = replica.bean(MeterRegistry.class);
        try {
            OutboxTables.insertIncident(run + " before");
            await().atMost(DEADLINE).until(() -> received.size() == 1);

            redis.close();
            double failuresBefore = meters.counter("shanzhi.live.relay.failures", "department", "security").count();
            long during = OutboxTables.insertIncident(run + " during");
            await().atMost(DEADLINE).until(() ->
                    meters.counter("shanzhi.live.relay.failures", "department", "security").count() > failuresBefore);
            assertThat(OutboxTables.rowsFor(Department.SECURITY, during)).as("kept while Redis is down").hasSize(1);
            assertThat(received).hasSize(1);

            redis = redis.startAgain();
            await().atMost(DEADLINE).until(() -> received.size() == 2);
            assertThat(received.get(1).payload()).containsEntry("summary", run + " during");
            await().atMost(DEADLINE).until(() -> OutboxTables.rowsFor(Department.SECURITY, during).isEmpty());
            assertThat(meters.counter("shanzhi.live.stream.reconnects").count()).isGreaterThan(0);
        } finally {
            subscription.dispose();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
