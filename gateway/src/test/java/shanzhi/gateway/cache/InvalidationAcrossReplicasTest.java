package shanzhi.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.TestRedis;
import shanzhi.gateway.sources.Department;

/**
 * Two replicas sharing one Redis, each with a warm near-cache. A change in a store is announced by
 * the store's trigger (a row in its outbox); the event, delivered to both as the relay's fan-out
 * would, makes both serve the new value at once, although both held the old one in their
 * near-cache and in Redis. The replicas use a key prefix of their own, so the shared test context
 * (which gets no event) never reads their entries.
 */
class InvalidationAcrossReplicasTest {
    private static final String VILLAGE_CARD = "query($v: ID!) { region(code: $v) { name policeRoom { name } } }";
    private static GatewayInstance first;
    private static GatewayInstance second;
    private static String village;

    @BeforeAll
    static void start() throws SQLException {
        Map<String, String> properties = Map.of(
                "shanzhi.redis.key-prefix", TestRedis.get().keyPrefix() + "invalidation:",
                // The near-cache must not expire by itself during the test: only the event may clear it.
                "shanzhi.reference-cache.near.ttl", "10m");
        first = GatewayInstance.start(properties, SinkLiveEvents.class);
        second = GatewayInstance.start(properties, SinkLiveEvents.class);
        try (Connection connection = connect(Department.SECURITY);
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT village_code FROM police_room WHERE village_code LIKE '440513010%' ORDER BY village_code LIMIT 1")) {
            row.next();
            village = row.getString(1);
        }
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aChangeEventMakesBothReplicasServeTheNewValue() throws SQLException {
        String original = roomName(first);
        assertThat(roomName(second)).isEqualTo(original);
        String renamed = original + "（更名）";
        long outboxId = rename(original, renamed);
        try {
            // Until the event arrives both replicas still serve what they hold: the cache is in use.
            assertThat(roomName(first)).isEqualTo(original);
            assertThat(roomName(second)).isEqualTo(original);

            SinkLiveEvents.referenceChanged("security", outboxId, "police_room");

            Poll.until("both replicas serve the renamed room", Duration.ofSeconds(20),
                    () -> renamed.equals(roomName(first)) && renamed.equals(roomName(second)));
            assertThat(first.bean(TieredReferenceCache.class).counts().invalidations()).isPositive();
            assertThat(second.bean(TieredReferenceCache.class).counts().invalidations()).isPositive();
        } finally {
            long restored = rename(renamed, original);
            SinkLiveEvents.referenceChanged("security", restored, "police_room");
        }
        Poll.until("both replicas serve the original name again", Duration.ofSeconds(20),
                () -> original.equals(roomName(first)) && original.equals(roomName(second)));
    }

    @Test
    void anEventForAnotherTableLeavesTheCacheAlone() {
        String name = roomName(second);
        TieredReferenceCache cache = second.bean(TieredReferenceCache.class);
        long invalidations = cache.counts().invalidations();
        SinkLiveEvents.referenceChanged("legal", 0, "judicial_office");
        Poll.until("the event reached the replica", Duration.ofSeconds(20), () -> cache.counts().invalidations() > invalidations);
        CacheMetrics.Counts before = cache.counts();
        assertThat(roomName(second)).isEqualTo(name);
        assertThat(cache.counts().misses()).as("keys read from the stores").isEqualTo(before.misses());
    }

    /** Renames the village's room in the security store; returns the outbox id its trigger wrote. */
    private static long rename(String from, String to) throws SQLException {
        try (Connection connection = connect(Department.SECURITY)) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE police_room SET name = ? WHERE village_code = ? AND name = ?")) {
                update.setString(1, to);
                update.setString(2, village);
                update.setString(3, from);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet announced = connection.createStatement().executeQuery(
                    "SELECT id, topic, cell_code, payload->>'table' FROM outbox ORDER BY id DESC LIMIT 1")) {
                assertThat(announced.next()).as("the trigger wrote an outbox row").isTrue();
                assertThat(announced.getString(2)).isEqualTo("reference.changed");
                assertThat(announced.getString(3)).isNull();
                assertThat(announced.getString(4)).isEqualTo("police_room");
                return announced.getLong(1);
            }
        }
    }

    private static String roomName(GatewayInstance gateway) {
        String token = gateway.token("cache-test", List.of(Role.DISTRICT_ADMIN), "440513", "cache-tests");
        WebTestClient http = gateway.http();
        Map<?, ?> body = http.post().uri("/graphql").header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("query", VILLAGE_CARD, "variables", Map.of("v", village)))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(body.get("errors")).as("errors").isNull();
        Map<?, ?> region = (Map<?, ?>) ((Map<?, ?>) body.get("data")).get("region");
        return (String) ((Map<?, ?>) region.get("policeRoom")).get("name");
    }

    private static Connection connect(Department department) throws SQLException {
        TestDatabases databases = TestDatabases.get();
        return DriverManager.getConnection(databases.jdbcUrl(department), databases.user(), databases.password());
    }
}
