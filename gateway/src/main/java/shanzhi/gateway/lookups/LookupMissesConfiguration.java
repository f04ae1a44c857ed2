package shanzhi.gateway.lookups;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import shanzhi.api.LookupMisses;
import shanzhi.gateway.redis.RedisBreakers;
import shanzhi.gateway.redis.RedisKeys;

@Configuration(proxyBeanMethods = false)
public class LookupMissesConfiguration {

    @Bean
    LookupMisses lookupMisses(ReactiveStringRedisTemplate redis, RedisKeys keys, LookupMissesProperties properties,
                              RedisBreakers breakers) {
        return new RedisLookupMisses(redis, keys, properties, breakers.breaker("lookup-misses", properties.getRedisTimeout()));
    }
}
