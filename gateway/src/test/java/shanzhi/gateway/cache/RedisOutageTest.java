package shanzhi.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.redis.EmbeddedRedisServer;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.StatementCounter;

/**
 * A gateway whose Redis is a server of the test's own, stopped and started again. While it is
 * down every answer stays whole and correct (the stores answer); once the breaker is open Redis
 * is skipped instead of waited for; when Redis is back the breaker closes by itself and caching
 * in Redis resumes. The same holds for the cached aggregates (population, incident statistics),
 * which share the reference cache's tiers and breaker.
 */
class RedisOutageTest {
    /** Reference data of a town, and its figures. */
    private static final String TOWN_AND_FIGURES = """
            query($town: ID!) { region(code: $town) {
              code name parent { name } population
              incidentStats(year: 2021) { category count previousYearCount changePercent }
              policeStation { name rooms { name village { code } } }
              children { code name population policeRoom { name } legalAdviser { name lawFirm } }
            } }""";
    private static final Duration WAIT_IN_OPEN = Duration.ofSeconds(5);
    private static int port;
    private static EmbeddedRedisServer redis;
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        port = freePort();
        redis = EmbeddedRedisServer.start(port);
        gateway = GatewayInstance.start(Map.of(
                "shanzhi.redis.url", redis.url(),
                "shanzhi.redis.key-prefix", "shanzhi-outage-test:",
                // Only the reference cache is under test; the limiter would add Redis calls of its own.
                "shanzhi.rate-limit.enabled", "false",
                "shanzhi.reference-cache.redis.sliding-window", "4",
                "shanzhi.reference-cache.redis.wait-in-open-state", WAIT_IN_OPEN.toSeconds() + "s"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void answersStayWholeWhileRedisIsDownAndCachingResumesWhenItReturns() throws IOException {
        TieredReferenceCache cache = gateway.bean(TieredReferenceCache.class);
        CircuitBreaker breaker = cache.redisBreaker();
        Object expected = answer();
        cache.clearNear();
        assertThat(storeStatements(this::answer)).as("served from Redis").isZero();

        redis.close();
        // Each request needs Redis (its near-cache is cleared) until the breaker opens.
        Poll.until("the breaker opens", Duration.ofSeconds(30), () -> {
            cache.clearNear();
            assertThat(answer()).isEqualTo(expected);
            return breaker.getState() == CircuitBreaker.State.OPEN;
        });
        CacheMetrics.Counts opened = cache.counts();
        for (int i = 0; i < 5; i++) {
            cache.clearNear();
            assertThat(answer()).as("answer while Redis is down").isEqualTo(expected);
        }
        CacheMetrics.Counts during = cache.counts();
        assertThat(during.redisSkipped()).as("Redis calls skipped by the open breaker").isGreaterThanOrEqualTo(opened.redisSkipped() + 5);
        // Only the breaker's own probes (if its wait ran out meanwhile) may still wait for Redis.
        assertThat(during.redisErrors() - opened.redisErrors()).as("Redis calls that waited and failed")
                .isLessThanOrEqualTo(2);
        assertThat(during.misses()).as("keys read from the stores").isGreaterThan(opened.misses());
        // The near-cache still serves while Redis is down.
        assertThat(storeStatements(this::answer)).as("near-cache while Redis is down").isZero();

        redis = redis.startAgain();
        Poll.until("the breaker closes", Duration.ofSeconds(60), () -> {
            assertThat(answer()).isEqualTo(expected);
            cache.clearNear();
            return breaker.getState() == CircuitBreaker.State.CLOSED;
        });
        // The restarted Redis is empty: one round from the stores fills it, the next is served from it.
        cache.clearNear();
        assertThat(answer()).isEqualTo(expected);
        cache.clearNear();
        CacheMetrics.Counts before = cache.counts();
        assertThat(storeStatements(this::answer)).as("served from Redis again").isZero();
        assertThat(cache.counts().redisHits()).isGreaterThan(before.redisHits());
    }

    private static long storeStatements(Runnable action) {
        StatementCounter counter = gateway.bean(StatementCounter.class);
        Map<Department, Long> before = counter.snapshot();
        action.run();
        return counter.snapshot().entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
    }

    private Object answer() {
        String token = gateway.token("outage-test", List.of(Role.DISTRICT_ADMIN), "440513", "cache-tests");
        Map<?, ?> body = gateway.http().post().uri("/graphql").header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("query", TOWN_AND_FIGURES, "variables", Map.of("town", "440513004")))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(body.get("errors")).as("errors").isNull();
        Map<?, ?> region = (Map<?, ?>) ((Map<?, ?>) body.get("data")).get("region");
        assertThat((List<?>) region.get("children")).isNotEmpty();
        assertThat((Integer) region.get("population")).isPositive();
        assertThat((List<?>) region.get("incidentStats")).hasSize(4);
        return region;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
