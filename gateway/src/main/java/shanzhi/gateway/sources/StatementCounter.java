package shanzhi.gateway.sources;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import io.r2dbc.spi.ConnectionFactory;

/**
 * Counts the SQL statements sent to each department's store. The benchmark reports statements
 * per request from it, and tests prove with it that batching bounds statements by query shape.
 */
public class StatementCounter {
    private static final Logger log = LoggerFactory.getLogger(StatementCounter.class);
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
        AtomicLong count = counts.get(department);
        return ProxyConnectionFactory.builder(pool)
                .listener(new ProxyExecutionListener() {
                    @Override
                    public void beforeQuery(QueryExecutionInfo execInfo) {
                        count.incrementAndGet();
                        if (log.isTraceEnabled()) {
                            // the benchmark's raw-SQL baseline copies the statements from this log
                            execInfo.getQueries().forEach(query -> log.trace("{} {} {}", department.key(),
                                    query.getQuery().replaceAll("\\s+", " "), query.getBindingsList().stream()
                                            .map(bindings -> bindings.getIndexBindings().stream()
                                                    .map(b -> String.valueOf(b.getBoundValue().getValue())).toList())
                                            .toList()));
                        }
                    }
                })
                .build();
    }
}
