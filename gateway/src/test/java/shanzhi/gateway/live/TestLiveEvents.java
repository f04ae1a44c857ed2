package shanzhi.gateway.live;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The gateway's LiveEvents in the tests until the outbox relay is merged: delete this (and its
 * line in GatewayTest) then, and publish through the relay instead.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestLiveEvents {

    @Bean
    @Primary
    PublishedLiveEvents publishedLiveEvents() {
        return new PublishedLiveEvents();
    }
}
