package shanzhi.gateway.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.subscriptions.*: what one subscription may hold on this replica.
 *
 * @param buffer       events one subscription may have waiting for its subscriber; one more ends it
 *                     with SUBSCRIBER_TOO_SLOW
 * @param maxPerCaller open subscriptions one caller (token subject) may have on one replica, over
 *                     all its connections and both transports; one more is TOO_MANY_SUBSCRIPTIONS
 */
@ConfigurationProperties("shanzhi.subscriptions")
public record SubscriptionProperties(
        @DefaultValue("256") int buffer,
        @DefaultValue("16") int maxPerCaller) {

    public SubscriptionProperties {
        if (buffer < 1 || maxPerCaller < 1) {
            throw new IllegalArgumentException("shanzhi.subscriptions.buffer and .max-per-caller must be at least 1");
        }
    }
}
