package shanzhi.gateway.audit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Puts RejectedTokens around the gateway's token decoder, the one place every bearer token is
 * checked, over HTTP and in graphql-ws connection_init alike: every refusal is seen with its
 * real reason, and the decoder and its callers stay as they are.
 */
@Configuration(proxyBeanMethods = false)
public class RejectedTokenLogging {

    @Bean
    static BeanPostProcessor rejectedTokenDecoder(ObjectProvider<MeterRegistry> meters) {
        RejectedTokens rejected = new RejectedTokens(meters);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof ReactiveJwtDecoder decoder) {
                    return (ReactiveJwtDecoder) token -> decoder.decode(token)
                            .onErrorResume(failure -> rejected.rejected(token, failure).then(Mono.error(failure)));
                }
                return bean;
            }
        };
    }
}
