package shanzhi.api;

import reactor.core.publisher.Flux;

/**
 * The committed changes of one topic as one subscriber may see them. {@link LiveEvents} is the
 * raw, unscoped stream of the replica; a feed is what a subscription data fetcher returns to its
 * caller, so it carries every rule a subscription has beyond its department's mapping: only
 * events whose cell lies under {@code region} (already narrowed to the caller's scope) and under
 * the caller's scope, the caller's token re-checked for each event, a bounded buffer for a slow
 * subscriber, and a clean end when the replica shuts down. The gateway implements it.
 */
public interface LiveFeed {

    /**
     * @param region a region code the caller may see everything under (see {@link Scope#narrow})
     * @return the events in order; ends with {@link SubscriptionEnded} when the subscription can
     *         not go on (token expired, subscriber too slow, too many subscriptions)
     */
    Flux<LiveEvent> follow(String topic, Caller caller, String region);
}
