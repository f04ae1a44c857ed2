package shanzhi.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import shanzhi.api.Caller;
import shanzhi.api.Role;
import shanzhi.api.Scope;
import shanzhi.gateway.TestRedis;
import shanzhi.gateway.redis.RedisBreaker;
import shanzhi.gateway.redis.RedisBreakers;
import shanzhi.gateway.redis.RedisKeys;

/**
 * The limiter's own contract, against a real Redis and against a port where no Redis listens:
 * exact GCRA counting, and failing open (request allowed, failure counted) when Redis is away.
 */
class RateLimiterTest {
    private static final Caller CALLER = new Caller("limiter-test", Set.of(Role.DISTRICT_ADMIN), new Scope("440513"),
            "limiter-client", null, null);

    @Test
    void withRedisDownEveryRequestIsAllowedAndCountedAsAFailure() throws IOException {
        LettuceConnectionFactory factory = factory("redis://127.0.0.1:" + closedPort());
        try {
            RateLimiter limiter = new RateLimiter(new ReactiveStringRedisTemplate(factory),
                    new RedisKeys(TestRedis.get().keyPrefix()), properties(1, 1), breaker());
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.acquire(CALLER).block(Duration.ofSeconds(10))).isEqualTo(RateLimitDecision.ALLOWED);
            }
            assertThat(limiter.failedOpenCount()).isEqualTo(3);
        } finally {
            factory.destroy();
        }
    }

    @Test
    void withRedisDeadTheBreakerOpensAfterItsWindowAndLaterRequestsNeverReachRedis() throws IOException {
        LettuceConnectionFactory factory = factory("redis://127.0.0.1:" + closedPort());
        try {
            RedisBreaker breaker = new RedisBreakers(new shanzhi.gateway.redis.RedisBreakerProperties(4, 50, Duration.ofMinutes(10), 2))
                    .breaker("rate-limit", Duration.ofSeconds(2));
            RateLimiter limiter = new RateLimiter(new ReactiveStringRedisTemplate(factory),
                    new RedisKeys(TestRedis.get().keyPrefix()), properties(1, 1), breaker);
            for (int i = 0; i < 10; i++) {
                assertThat(limiter.acquire(CALLER).block(Duration.ofSeconds(10))).isEqualTo(RateLimitDecision.ALLOWED);
            }
            assertThat(breaker.circuitBreaker().getState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
            assertThat(breaker.attempts()).as("calls sent to Redis: the window, then none").isEqualTo(4);
            assertThat(limiter.failedOpenCount()).as("every request passed (fail open)").isEqualTo(10);
        } finally {
            factory.destroy();
        }
    }

    @Test
    void withRedisUpTheBurstPassesAndTheNextWaitsOneEmissionInterval() {
        TestRedis redis = TestRedis.get();
        LettuceConnectionFactory factory = factory(redis.url());
        try {
            RedisKeys keys = new RedisKeys(redis.keyPrefix() + "limiter-" + System.nanoTime() + ":");
            RateLimiter limiter = new RateLimiter(new ReactiveStringRedisTemplate(factory), keys, properties(0.5, 3), breaker());
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.acquire(CALLER).block(Duration.ofSeconds(10))).as("request %d", i + 1)
                        .isEqualTo(RateLimitDecision.ALLOWED);
            }
            RateLimitDecision fourth = limiter.acquire(CALLER).block(Duration.ofSeconds(10));
            assertThat(fourth.allowed()).isFalse();
            assertThat(fourth.retryAfter()).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(2));
            assertThat(fourth.retryAfterSeconds()).isEqualTo(2);
            assertThat(limiter.failedOpenCount()).isZero();
        } finally {
            factory.destroy();
        }
    }

    private static RedisBreaker breaker() {
        return new RedisBreakers(TestRedis.breakerSettings()).breaker("rate-limit", Duration.ofSeconds(2));
    }

    private static RateLimitProperties properties(double rate, int burst) {
        RateLimitProperties properties = new RateLimitProperties();
        properties.setSubject(new RateLimitProperties.Limit(rate, burst));
        properties.setClient(new RateLimitProperties.Limit(1000, 1000));
        properties.setRedisTimeout(Duration.ofSeconds(2));
        return properties;
    }

    private static LettuceConnectionFactory factory(String url) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
