package shanzhi.gateway.live;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The subscription tests' way to make events happen: outbox rows in the test databases. */
@TestConfiguration(proxyBeanMethods = false)
public class TestLiveEvents {

    @Bean
    PublishedLiveEvents publishedLiveEvents(GuardedLiveFeed feed) {
        return new PublishedLiveEvents(feed);
    }
}
