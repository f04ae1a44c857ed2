package shanzhi.gateway.observability;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * shanzhi.observability.*: who may read the operator endpoints (metrics), how many distinct
 * operation names the per-operation meters keep, how often the outbox backlog is counted.
 *
 * @param operatorRoles      token roles (claim "roles") that may read /actuator/** besides health
 * @param maxOperationNames  distinct operation names tagged before the rest become "other"
 * @param backlogInterval    how often each department's outbox rows are counted
 */
@ConfigurationProperties("shanzhi.observability")
public record ObservabilityProperties(List<String> operatorRoles, Integer maxOperationNames, Duration backlogInterval) {
    public ObservabilityProperties {
        operatorRoles = operatorRoles == null || operatorRoles.isEmpty() ? List.of("DISTRICT_ADMIN") : List.copyOf(operatorRoles);
        maxOperationNames = maxOperationNames == null ? 200 : maxOperationNames;
        backlogInterval = backlogInterval == null ? Duration.ofSeconds(15) : backlogInterval;
    }
}
