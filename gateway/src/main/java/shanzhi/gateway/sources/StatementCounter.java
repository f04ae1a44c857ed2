package shanzhi.gateway.sources;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.spi.ConnectionFactory;

/**
 * Counts the SQL statements sent to each department's store. The benchmark reports statements
 * per request from it, and tests prove with it that batching bounds statements by query shape.
 */
public class StatementCounter {
    private final Map<Department, AtomicLong> counts = new EnumMap<>(Department.class);

    public StatementCounter() {
        for (Department department : Department.values()) {
            counts.put(department, new AtomicLong());
        }
    }

    public long count(Department department) {
        return counts.get(department).get();
    }

    public Map<Department, Long> snapshot() {
        Map<Department, Long> copy = new EnumMap<>(Department.class);
        counts.forEach((department, count) -> copy.put(department, count.get()));
        return copy;
    }

    /**
     * Wraps the department's pool (not the raw connections), so that the pool's own validation
     * queries are not counted: only statements the gateway sends.
     */
    ConnectionFactory counting(Department department, ConnectionFactory pool) {
        return new CountingConnectionFactory(pool, counts.get(department), department.key());
    }
}
