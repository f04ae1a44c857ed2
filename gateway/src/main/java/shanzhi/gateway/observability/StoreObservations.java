package shanzhi.gateway.observability;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import shanzhi.gateway.sources.Department;

/** One {@link StatementObservation} per department, for the department's DatabaseClient. */
@Component
public class StoreObservations {
    private final Map<Department, StatementObservation> byDepartment = new EnumMap<>(Department.class);

    public StoreObservations(ObjectProvider<ObservationRegistry> observations, ObjectProvider<MeterRegistry> meters) {
        ObservationRegistry observationRegistry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        MeterRegistry meterRegistry = meters.getIfAvailable(() -> Metrics.globalRegistry);
        for (Department department : Department.values()) {
            byDepartment.put(department, new StatementObservation(department, observationRegistry, meterRegistry));
        }
    }

    public StatementObservation of(Department department) {
        return byDepartment.get(department);
    }
}
