package shanzhi.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One page of rows as a repository returns it: at most `first` rows and whether more follow. */
public record Page<T>(List<T> rows, boolean hasNext) {
    public static <T> Page<T> of(List<T> fetched, PageArgs args) {
        boolean more = fetched.size() > args.first();
        return new Page<>(more ? fetched.subList(0, args.first()) : fetched, more);
    }

    /** Pages per region code from rows tagged with their region (one LATERAL statement's output). */
    public static <T> Mono<Map<String, Page<T>>> byRegion(Flux<Map.Entry<String, T>> rows, PageArgs args) {
        return rows.collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                .map(found -> found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> of(entry.getValue(), args))));
    }

    public static <T> Page<T> empty() {
        return new Page<>(List.of(), false);
    }
}
