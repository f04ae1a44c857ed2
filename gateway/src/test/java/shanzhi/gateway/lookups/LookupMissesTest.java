package shanzhi.gateway.lookups;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import shanzhi.api.LookupMisses.Charge;
import shanzhi.gateway.TestRedis;
import shanzhi.gateway.redis.RedisBreakers;
import shanzhi.gateway.redis.RedisKeys;

/** The miss budget in Redis, and on the replica alone while Redis cannot be reached (it never lapses). */
class LookupMissesTest {

    @Test
    void chargesBeyondTheBudgetAreRefusedAndARefundMakesRoomAgain() {
        LettuceConnectionFactory factory = factory(TestRedis.get().url());
        try {
            RedisLookupMisses misses = misses(factory, 3);
            String subject = "s-" + UUID.randomUUID();
            Charge first = charge(misses, subject);
            charge(misses, subject);
            charge(misses, subject);
            assertThat(charge(misses, subject).within()).isFalse();
            assertThat(charge(misses, subject).within()).as("a refused charge is not kept").isFalse();
            first.refund().block();
            assertThat(charge(misses, subject).within()).isTrue();
            assertThat(charge(misses, "other-" + subject).within()).as("budgets are per subject").isTrue();
        } finally {
            factory.destroy();
        }
    }

    @Test
    void withoutRedisTheReplicaCountsOnItsOwnInsteadOfLettingGuessesThrough() throws IOException {
        LettuceConnectionFactory factory = factory("redis://127.0.0.1:" + closedPort());
        try {
            RedisLookupMisses misses = misses(factory, 2);
            String subject = "s-" + UUID.randomUUID();
            Charge first = charge(misses, subject);
            assertThat(first.within()).isTrue();
            assertThat(charge(misses, subject).within()).isTrue();
            assertThat(charge(misses, subject).within()).isFalse();
            first.refund().block();
            assertThat(charge(misses, subject).within()).isTrue();
        } finally {
            factory.destroy();
        }
    }

    private static Charge charge(RedisLookupMisses misses, String subject) {
        return misses.charge(subject, "personByIdNumber").block(Duration.ofSeconds(10));
    }

    private static RedisLookupMisses misses(LettuceConnectionFactory factory, int perDay) {
        LookupMissesProperties properties = new LookupMissesProperties();
        properties.setMissBudgetPerDay(perDay);
        properties.setRedisTimeout(Duration.ofSeconds(2));
        return new RedisLookupMisses(new ReactiveStringRedisTemplate(factory), new RedisKeys(TestRedis.get().keyPrefix()),
                properties, new RedisBreakers(TestRedis.breakerSettings()).breaker("lookup-misses", properties.getRedisTimeout()));
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
