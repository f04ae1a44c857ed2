package shanzhi.gateway.transport;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.StreamReadFeature;

/**
 * A JSON object with the same key twice ({"query": "...", "query": "..."}) is refused instead of
 * silently keeping the last one: two readers of one body (a proxy, a log, the gateway) could
 * otherwise each see a different request. Spring's codecs decode request bodies with this mapper,
 * so the refusal is a 400 (see UnreadableRequests).
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictDuplicateDetection() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
