package shanzhi.gateway.redis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.tracing.MicrometerTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;

/**
 * One Lettuce connection factory for the gateway's own Redis (shanzhi.redis.*). Declaring it
 * makes Boot's spring.data.redis.* auto-configuration step back, so there is a single source of
 * truth. Boot's ReactiveStringRedisTemplate runs on it; every Redis call of the gateway goes
 * through that template and never blocks a Netty thread.
 */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

    @Bean(destroyMethod = "close")
    RedisServerLocation redisServerLocation(RedisProperties properties) {
        return RedisServerLocation.open(properties);
    }

    /**
     * Each Redis command is observed (a span under the request's, and Lettuce's timer), without
     * its arguments: keys name subjects and clients.
     */
    @Bean(destroyMethod = "shutdown")
    ClientResources redisClientResources(ObjectProvider<ObservationRegistry> observations) {
        return ClientResources.builder()
                .tracing(new MicrometerTracing(observations.getIfAvailable(() -> ObservationRegistry.NOOP), "redis", false))
                .build();
    }

    @Bean
    LettuceConnectionFactory redisConnectionFactory(RedisServerLocation location, RedisProperties properties,
                                                    ClientResources resources) {
        RedisURI uri = RedisURI.create(location.url());
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .clientResources(resources)
                .commandTimeout(properties.commandTimeout())
                .clientName("shanzhi-gateway");
        if (uri.isSsl()) {
            client.useSsl();
        }
        return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client.build());
    }

    @Bean
    RedisBreakers redisBreakers(RedisBreakerProperties properties, ObjectProvider<MeterRegistry> registry) {
        RedisBreakers breakers = new RedisBreakers(properties);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers.registry())
                .bindTo(registry.getIfAvailable(() -> Metrics.globalRegistry));
        return breakers;
    }

    @Bean
    HealthIndicator redisBreakersHealthIndicator(RedisBreakers breakers) {
        return new RedisBreakersHealth(breakers);
    }

    @Bean
    RedisKeys redisKeys(RedisProperties properties) {
        return new RedisKeys(properties.keyPrefix());
    }
}
