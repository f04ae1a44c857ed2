package shanzhi.gateway.sources;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The statements one GraphQL operation sent, per department, for its access-log line. It travels
 * in the operation's Reactor context and GraphQLContext; each store call adds its statements when
 * it ends (see StatementObservation), from whichever thread that happens on.
 */
public final class RequestStatements {
    private final Map<String, AtomicInteger> byDepartment = new ConcurrentSkipListMap<>();

    public void add(String department, int statements) {
        if (statements > 0) {
            byDepartment.computeIfAbsent(department, key -> new AtomicInteger()).addAndGet(statements);
        }
    }

    /** {@code grid:1,people:3}, in department order; empty when no statement was sent. */
    public String summary() {
        return byDepartment.entrySet().stream().map(entry -> entry.getKey() + ":" + entry.getValue().get())
                .collect(Collectors.joining(","));
    }
}
