package shanzhi.gateway.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** shanzhi.engine.operations{engine=planned|reference, declined=why}: which engine answered each query. */
final class EngineMeters {
    private final MeterRegistry registry;
    private final Counter planned;
    private final Map<String, Counter> reference = new ConcurrentHashMap<>();

    EngineMeters(MeterRegistry registry) {
        this.registry = registry;
        this.planned = counter("planned", "none");
    }

    void planned() {
        planned.increment();
    }

    void reference(String declined) {
        reference.computeIfAbsent(declined, why -> counter("reference", why)).increment();
    }

    private Counter counter(String engine, String declined) {
        return Counter.builder("shanzhi.engine.operations")
                .description("Queries answered, by engine: planned, or the reference (graphql-java's) and why the planner declined")
                .tag("engine", engine).tag("declined", declined).register(registry);
    }
}
