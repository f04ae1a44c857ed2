package shanzhi.grid;

import java.util.List;

import reactor.core.publisher.Mono;
import shanzhi.api.BadUserInput;
import shanzhi.api.RegionCode;
import shanzhi.api.Scope;

/**
 * The `under` of a subscription, checked once when it starts. A query can answer a region it does
 * not know with null or an empty page; a subscription to such a region would wait forever for
 * nothing, so an unknown region is BAD_USER_INPUT. "Unknown" is decided with the caller's view of
 * the region tree, as `region(code:)` answers it: a region in another town looks exactly like one
 * that does not exist (same error, same message), while one above the caller's scope is visible and
 * is narrowed to the scope, as the connections under a region are.
 */
public final class SubscribedRegion {
    private SubscribedRegion() {
    }

    /**
     * The region code to follow: {@code under} or, when it lies above the scope, the scope. Every
     * refusal is an error of the returned Mono, never a throw, so that it reaches the subscriber as
     * the subscription's error over both transports (the SSE handler answers a subscription whose
     * fetcher threw with a generic error only).
     */
    public static Mono<String> resolve(RegionRepository regions, Scope scope, String under) {
        return Mono.fromCallable(() -> RegionCode.requireValid(under))
                .flatMap(code -> regions.findByCodes(List.of(code), scope).next())
                .flatMap(region -> Mono.justOrEmpty(scope.narrow(region.code())))
                .switchIfEmpty(Mono.error(() -> new BadUserInput("Unknown region " + BadUserInput.echo(under)
                        + ": no region with that code is visible to you")));
    }
}
