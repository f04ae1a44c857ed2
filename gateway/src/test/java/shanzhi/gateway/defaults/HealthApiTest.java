package shanzhi.gateway.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * Health answers anyone with the status only; the components and their details (breaker states,
 * pool occupancy, Redis version, disk path) only an operator (a DISTRICT_ADMIN token). The audit
 * store and Redis are components of their own, and readiness includes the audit store.
 */
class HealthApiTest extends ApiTestBase {
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @LocalServerPort
    int gatewayPort;

    @Test
    void anonymousCallersGetTheStatusOnly() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
                "/actuator/health/audit-store", "/actuator/health/redis-store")) {
            Map<String, Object> health = get(path, null);
            assertThat(health).as(path).containsEntry("status", "UP").doesNotContainKeys("components", "details");
        }
        String body = client(null).get().uri("/actuator/health").exchange().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(body).doesNotContain("version").doesNotContain("path").doesNotContain("circuitBreaker");
    }

    @Test
    void callersWhoAreNotOperatorsGetTheStatusOnlyToo() {
        String officer = tokens.issue("health-officer", List.of(Role.TOWN_OFFICER), GridStore.TOWN, null, "api-tests",
                Duration.ofMinutes(5));
        assertThat(get("/actuator/health", officer)).containsEntry("status", "UP").doesNotContainKey("components");
    }

    @Test
    @SuppressWarnings("unchecked")
    void operatorsSeeEveryStoreWithItsDetails() {
        String operator = tokens.issue("health-operator", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "ops-console",
                Duration.ofMinutes(5));
        Map<String, Object> components = (Map<String, Object>) get("/actuator/health", operator).get("components");
        assertThat(components).containsKeys("audit", "redis", "sources");
        assertThat((Map<String, Object>) components.get("audit")).containsEntry("status", "UP").containsKey("details");
        Map<String, Object> people = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) components
                .get("sources")).get("components")).get("people");
        assertThat((Map<String, Object>) people.get("details")).containsEntry("circuitBreaker", "CLOSED");

        Map<String, Object> readiness = (Map<String, Object>) get("/actuator/health/readiness", operator).get("components");
        assertThat(readiness).containsOnlyKeys("readinessState", "audit");
        assertThat((Map<String, Object>) get("/actuator/health/redis-store", operator).get("components")).containsOnlyKeys("redis");
    }

    private Map<String, Object> get(String path, String token) {
        return client(token).get().uri(path).exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    private WebTestClient client(String token) {
        WebTestClient.Builder builder = WebTestClient.bindToServer().baseUrl("http://localhost:" + gatewayPort)
                .responseTimeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return builder.build();
    }
}
