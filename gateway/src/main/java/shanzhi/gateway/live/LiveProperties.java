package shanzhi.gateway.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.live.*: the outbox relay of each department and the replica's reader of the shared
 * Redis stream (see README, "Live events").
 *
 * @param relayEnabled    off: this replica relays no outbox (others must); it still reads the stream
 * @param pollInterval    pause between two looks at an outbox that had less than a full batch
 * @param batchSize       outbox rows claimed, published and deleted in one transaction
 * @param roundTimeout    a relay round (claim, publish, delete, commit) taking longer is cancelled
 *                        and rolled back: a store or Redis that stops answering does not hold the
 *                        loop (or its connection) for ever
 * @param maxBackoff      longest pause between attempts while a store or Redis fails (relay and reader)
 * @param streamMaxLength entries kept in the Redis stream (approximate trim on every XADD): how far
 *                        a replica that lost Redis for a while can catch up
 * @param readBlock       how long one XREAD waits for new entries before asking again
 * @param readCount       entries taken per XREAD
 * @param dedupeWindow    recent (department, id) pairs remembered to drop repeated deliveries
 */
@ConfigurationProperties("shanzhi.live")
public record LiveProperties(
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("15s") Duration roundTimeout,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("10000") long streamMaxLength,
        @DefaultValue("2s") Duration readBlock,
        @DefaultValue("200") int readCount,
        @DefaultValue("10000") int dedupeWindow) {

    public LiveProperties {
        if (batchSize < 1 || readCount < 1 || dedupeWindow < 1 || streamMaxLength < 1) {
            throw new IllegalArgumentException("shanzhi.live: batch-size, read-count, dedupe-window and "
                    + "stream-max-length must be at least 1");
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || readBlock.isNegative() || readBlock.isZero()
                || roundTimeout.isNegative() || roundTimeout.isZero()
                || maxBackoff.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("shanzhi.live: poll-interval and read-block must be positive "
                    + "(read-block 0 would block for ever) and max-backoff at least poll-interval");
        }
    }
}
