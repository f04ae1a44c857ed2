package shanzhi.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * /actuator/prometheus: operators only (a token with an operator role, DISTRICT_ADMIN by
 * default), and after some requests it publishes the gateway's meters by operation, store and
 * department.
 */
class PrometheusEndpointTest extends ApiTestBase {
    @LocalServerPort
    int serverPort;

    private WebTestClient actuator() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    private String token(Role role) {
        return tokens.issue("metrics-" + role.name().toLowerCase(), List.of(role), DISTRICT, null, "metrics-tests",
                Duration.ofMinutes(5));
    }

    @Test
    void anonymousCallersCannotReadTheMetrics() {
        actuator().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        actuator().get().uri("/actuator/info").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void callersWithoutAnOperatorRoleAreRefused() {
        actuator().get().uri("/actuator/prometheus").header("Authorization", "Bearer " + token(Role.POLICE))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void healthStaysPublicForTheProbes() {
        actuator().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void anOperatorScrapesTheGatewaysMeters() {
        query("query MetricsProbe { people(under: \"" + DISTRICT + "\", first: 3) { edges { node { id name } } } }")
                .path("people.edges").entityList(Object.class).hasSize(3);
        query("query MetricsReference { regions(level: TOWN) { totalCount } }").path("regions.totalCount").hasValue();
        query("query MetricsBroken { person(id: \"not-a-number\") { id } }").errors().satisfy(errors -> { });

        String scrape = scrape();
        for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
             !scrape.contains("shanzhi_live_outbox_backlog") && System.nanoTime() < end; scrape = scrape()) {
            pause();
        }

        assertThat(scrape)
                // per operation: name, type, outcome
                .containsPattern("shanzhi_graphql_operation_seconds_count\\{[^}]*operation=\"MetricsProbe\""
                        + "[^}]*outcome=\"ok\"[^}]*type=\"query\"[^}]*} [1-9]")
                .containsPattern("shanzhi_graphql_operation_seconds_count\\{[^}]*operation=\"MetricsBroken\""
                        + "[^}]*outcome=\"error\"")
                // per department store: call latency and rows, pool, breaker and bulkhead
                .containsPattern("shanzhi_store_statements_seconds_count\\{[^}]*department=\"people\"[^}]*outcome=\"ok\"[^}]*} [1-9]")
                .containsPattern("shanzhi_store_rows_count\\{department=\"people\"[^}]*} [1-9]")
                .containsPattern("shanzhi_store_pool_acquired\\{pool=\"people\"")
                .containsPattern("shanzhi_store_pool_pending\\{pool=\"audit\"")
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"people\"[^}]*state=\"closed\"[^}]*} 1")
                .containsPattern("resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"grid\"")
                // the reference cache, rate limits, the audit trail, subscriptions, the outboxes
                .contains("shanzhi_reference_cache_lookups_total")
                .contains("shanzhi_rate_limit_refusals_total")
                .containsPattern("shanzhi_audit_records_total(\\{[^}]*})? [1-9]")
                .containsPattern("shanzhi_audit_append_seconds_count\\{[^}]*} [1-9]")
                .contains("shanzhi_subscriptions_open")
                .containsPattern("shanzhi_live_outbox_backlog_events\\{department=\"grid\"")
                // the HTTP server and Redis commands
                .contains("http_server_requests_seconds_count")
                // requests in flight (the chart's optional HPA metric): at least the scrape itself
                .containsPattern("(?m)^shanzhi_http_in_flight_requests [1-9]")
                .contains("lettuce_seconds_count")
                // the buckets of the dashboard's p95 panels
                .containsPattern("shanzhi_graphql_operation_seconds_bucket\\{[^}]*operation=\"MetricsProbe\"")
                .containsPattern("shanzhi_store_statements_seconds_bucket\\{[^}]*department=\"people\"");
        assertDashboardQueriesMetersOf(scrape);
    }

    /** Every meter the Grafana dashboard queries is one the gateway publishes. */
    private static void assertDashboardQueriesMetersOf(String scrape) {
        String dashboard;
        try {
            dashboard = Files.readString(Path.of("..", "deploy", "grafana", "shanzhi-gateway.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> queried = new TreeSet<>();
        Matcher meter = Pattern.compile("\\b(?:shanzhi|resilience4j|lettuce)_[a-z0-9_]+").matcher(dashboard);
        while (meter.find()) {
            queried.add(meter.group());
        }
        assertThat(queried).as("meters the dashboard queries").hasSizeGreaterThan(10);
        for (String name : queried) {
            assertThat(scrape).as("the dashboard queries %s", name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    @Test
    void metricTagsCarryNoPersonOrRequestData() {
        query("query MetricsProbe { people(under: \"" + DISTRICT + "\", first: 1) { edges { node { id } } } }");
        String scrape = scrape();
        // no subject, client, person id, document text, trace or request id in any tag
        assertThat(scrape).doesNotContain("test-district_admin").doesNotContain("api-tests")
                .doesNotContain("traceId").doesNotContain("requestId").doesNotContain("people(under");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String scrape() {
        return actuator().get().uri("/actuator/prometheus").header("Authorization", "Bearer " + token(Role.DISTRICT_ADMIN))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
