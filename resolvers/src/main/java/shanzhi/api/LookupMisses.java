package shanzhi.api;

import reactor.core.publisher.Mono;

/**
 * The budget of lookups that found nobody, per caller subject and lookup, for a day (see
 * {@link ConfirmingLookup}). A lookup is charged before it runs and refunded when it finds
 * someone, so concurrent lookups cannot overdraw the budget. The gateway implements it in Redis,
 * shared by its replicas.
 */
public interface LookupMisses {

    /** Charges one miss against the subject's budget for {@code lookup}. */
    Mono<Charge> charge(String subject, String lookup);

    /** Misses allowed per subject and lookup a day. */
    int perDay();

    /** {@code within}: the budget had room, the charge stands until {@code refund} (the lookup found someone). */
    record Charge(boolean within, Mono<Void> refund) {
    }
}
