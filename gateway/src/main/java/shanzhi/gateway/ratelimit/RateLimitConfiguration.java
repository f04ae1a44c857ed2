package shanzhi.gateway.ratelimit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import shanzhi.gateway.redis.RedisBreakers;
import shanzhi.gateway.redis.RedisKeys;

/** The limiter and its interceptor, unless shanzhi.rate-limit.enabled is false. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "shanzhi.rate-limit.enabled", matchIfMissing = true)
public class RateLimitConfiguration {

    @Bean
    RateLimiter rateLimiter(ReactiveStringRedisTemplate redis, RedisKeys keys, RateLimitProperties properties,
                            RedisBreakers breakers) {
        // Misconfigured limits fail the start, not the first request.
        properties.getSubject().emissionIntervalMicros();
        properties.getClient().emissionIntervalMicros();
        return new RateLimiter(redis, keys, properties, breakers.breaker("rate-limit", properties.getRedisTimeout()));
    }

    @Bean
    RateLimitInterceptor rateLimitInterceptor(RateLimiter limiter) {
        return new RateLimitInterceptor(limiter);
    }
}
