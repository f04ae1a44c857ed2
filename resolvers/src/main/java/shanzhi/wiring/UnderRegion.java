package shanzhi.wiring;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import shanzhi.api.Page;
import shanzhi.api.PageArgs;

/**
 * Rows and counts "under a region": the keys of their batches, whose region code is already
 * narrowed to the caller's scope (so pages and counts agree with what the caller may see), and
 * the statements a department provides for them, one per batch of region codes of one level.
 */
public final class UnderRegion {
    private UnderRegion() {
    }

    /** One page of a connection under one region, with the field's filter. */
    public record PageKey<F>(String regionCode, F filter, PageArgs page) {
    }

    /** The number of rows under one region that match the field's filter. */
    public record CountKey<F>(String regionCode, F filter) {
    }

    /** A page under each of {@code regionCodes} (one level), same filter and page: one statement. */
    @FunctionalInterface
    public interface Pages<F, T> {
        Mono<Map<String, Page<T>>> pages(List<String> regionCodes, F filter, PageArgs page);
    }

    /** The count under each of {@code regionCodes} (one level), same filter: one statement, counted not loaded. */
    @FunctionalInterface
    public interface Counts<F> {
        Mono<Map<String, Integer>> counts(List<String> regionCodes, F filter);
    }
}
