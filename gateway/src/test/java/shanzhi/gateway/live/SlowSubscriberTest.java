package shanzhi.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;

import reactor.core.publisher.BaseSubscriber;
import shanzhi.api.Caller;
import shanzhi.api.LiveEvent;
import shanzhi.api.LiveEvents;
import shanzhi.api.LiveFeed;
import shanzhi.api.Role;
import shanzhi.api.Scope;
import shanzhi.api.SubscriptionEnded;
import shanzhi.gateway.sources.Department;

/**
 * A subscriber that stops taking events gets at most shanzhi.subscriptions.buffer (256) of them
 * held; one more ends its subscription with SUBSCRIBER_TOO_SLOW, while a subscriber that keeps
 * taking them receives every one. Driven at the gateway's feed (the one every subscription data
 * fetcher returns) with reactive-streams demand: over a real socket, the kernel's and Netty's
 * buffers in between hold many megabytes before that demand stops (see README).
 */
class SlowSubscriberTest extends LiveTestBase {
    private static final int BUFFER = 256;

    @Autowired
    LiveFeed feed;

    @Test
    void aSubscriberThatStopsTakingEventsIsEndedWithAnErrorWhileAnotherReceivesEveryOne() {
        Map<String, Object> row = row(Department.GRID, "SELECT to_jsonb(g) FROM grid_event g ORDER BY id LIMIT 1");
        String cell = (String) row.get("cell_code");
        Caller caller = new Caller("live-slow", Set.of(Role.DISTRICT_ADMIN), new Scope(DISTRICT), "live-tests", null,
                Instant.now().plusSeconds(600));
        Taking slow = new Taking(1);
        Taking fast = new Taking(Long.MAX_VALUE);
        int before = live.subscribers();
        feed.follow(LiveEvents.GRID_EVENT_REPORTED, caller, DISTRICT).subscribe(slow);
        feed.follow(LiveEvents.GRID_EVENT_REPORTED, caller, DISTRICT).subscribe(fast);
        await().atMost(DEADLINE).until(() -> live.subscribers() >= before + 2);

        int published = 1 + BUFFER + 1;
        for (int i = 0; i < published; i++) {
            live.publish("grid", LiveEvents.GRID_EVENT_REPORTED, cell, row);
        }

        await().atMost(DEADLINE).until(() -> fast.events.size() == published);
        assertThat(fast.error).isNull();
        // The slow one took its one event and had 256 held for it: the next ends it.
        slow.request(Long.MAX_VALUE);
        await().atMost(DEADLINE).until(() -> slow.error != null);
        assertThat(slow.events).hasSize(1 + BUFFER);
        assertThat(slow.error).isInstanceOf(SubscriptionEnded.class)
                .hasMessage("subscriber too slow: 256 events buffered (shanzhi.subscriptions.buffer); "
                        + "catch up with a query and subscribe again");
        assertThat(((SubscriptionEnded) slow.error).code()).isEqualTo(shanzhi.api.ErrorCode.SUBSCRIBER_TOO_SLOW);

        live.publish("grid", LiveEvents.GRID_EVENT_REPORTED, cell, row);
        await().atMost(DEADLINE).until(() -> fast.events.size() == published + 1);
        fast.dispose();
        List<Long> ids = fast.events.stream().map(LiveEvent::id).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    /** Requests {@code initial} events and then only when told to. */
    private static final class Taking extends BaseSubscriber<LiveEvent> {
        final ConcurrentLinkedQueue<LiveEvent> events = new ConcurrentLinkedQueue<>();
        private final long initial;
        volatile Throwable error;

        Taking(long initial) {
            this.initial = initial;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(initial);
        }

        @Override
        protected void hookOnNext(LiveEvent event) {
            events.add(event);
        }

        @Override
        protected void hookOnError(Throwable failure) {
            error = failure;
        }
    }
}
