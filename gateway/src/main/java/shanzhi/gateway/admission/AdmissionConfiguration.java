package shanzhi.gateway.admission;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.SourcesProperties;

/** Admission control while serving, unless shanzhi.admission.enabled is false. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "shanzhi.admission.enabled", matchIfMissing = true)
public class AdmissionConfiguration {

    @Bean
    AdmissionControl admissionControl(AdmissionProperties properties, SourcesProperties sources, MeterRegistry registry,
                                      @Value("${spring.graphql.http.path:${spring.graphql.path:/graphql}}") String path) {
        AdmissionLimit limit = properties.maxInFlight() != null ? AdmissionLimit.fixed(properties.maxInFlight())
                : AdmissionLimit.adaptive(properties.minInFlight(), fromPools(sources));
        return new AdmissionControl(limit, new CountedRequests(path), new Overloaded(properties.retryAfter()), registry);
    }

    /**
     * The most the adaptive limit admits: twice the connections the department stores give this
     * replica. A request does not hold a
     * connection all its life (it parses, plans, waits for the audit append and writes JSON in
     * between, and usually asks one or two stores at a time), so about twice as many requests as
     * connections keep the pools busy; beyond that the extra requests would only wait for a
     * connection, adding their wait to everyone's latency.
     */
    static int fromPools(SourcesProperties sources) {
        int connections = 0;
        for (Department department : Department.values()) {
            connections += sources.of(department).getPool().getMaxSize();
        }
        return 2 * connections;
    }
}
