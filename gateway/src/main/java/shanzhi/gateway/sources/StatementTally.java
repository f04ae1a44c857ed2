package shanzhi.gateway.sources;

import java.util.concurrent.atomic.AtomicInteger;

import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;

/**
 * The statements sent on behalf of one observed call (a repository's all(), one(),
 * inConnection...), for its span's statement count. The tally travels in the Reactor context, so
 * concurrent requests on the same pool count apart.
 */
public final class StatementTally {
    private final AtomicInteger statements = new AtomicInteger();

    public int statements() {
        return statements.get();
    }

    /** {@code execution}, counted in the tally of the subscriber's context when there is one. */
    static <T> Publisher<T> counted(Publisher<T> execution) {
        return Flux.deferContextual(context -> {
            context.getOrEmpty(StatementTally.class)
                    .ifPresent(tally -> ((StatementTally) tally).statements.incrementAndGet());
            return execution;
        });
    }
}
