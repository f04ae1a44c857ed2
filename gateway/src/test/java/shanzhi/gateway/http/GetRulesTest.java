package shanzhi.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.GridWorkers;
import shanzhi.gateway.authentication.DemoTokenIssuer;

/**
 * A GET obeys the rules a POST obeys: the rate limits and the trusted-documents switch, on a gateway
 * of its own with a small limit and grid workers restricted to registered documents.
 */
class GetRulesTest {
    private static GatewayInstance gateway;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        gateway = GatewayInstance.start(Map.of(
                "shanzhi.rate-limit.subject.rate", "0.01",
                "shanzhi.rate-limit.subject.burst", "3",
                "shanzhi.trusted-documents.required-for-roles", "GRID_WORKER"));
        http = new RawHttp(gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void getsCountAgainstTheCallersRateLimit() {
        String token = gateway.token("get-limited-" + UUID.randomUUID(), List.of(Role.DISTRICT_ADMIN), "440513", "api-tests");
        Map<String, Object> query = Map.of("query", "{ region(code: \"440513\") { code } }");
        for (int i = 0; i < 3; i++) {
            assertThat(http.send(http.get(token, query)).statusCode()).as("request %d of the burst", i + 1).isEqualTo(200);
        }

        HttpResponse<byte[]> refused = http.send(http.get(token, query));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(RawHttp.json(refused).toString()).contains("RATE_LIMITED");
    }

    @Test
    void aGridWorkerRunsOnlyRegisteredDocumentsOverGetToo() {
        String document = "query GetRule" + UUID.randomUUID().toString().replace("-", "")
                + "($code: ID!) { region(code: $code) { code name } }";
        GridWorkers.Assignment assignment = GridWorkers.first();
        String worker = gateway.bean(DemoTokenIssuer.class).issue("get-worker-" + UUID.randomUUID(), List.of(Role.GRID_WORKER),
                assignment.grid(), assignment.workerId(), "grid-app", Duration.ofMinutes(10));

        HttpResponse<byte[]> unregistered = http.send(http.get(worker, Map.of("query", document, "variables", Map.of("code", "440513"))));
        assertThat(RawHttp.json(unregistered).toString()).contains("TRUSTED_DOCUMENT_REQUIRED").doesNotContain("data={");

        String hash = register(document);
        HttpResponse<byte[]> byHash = http.send(http.get(worker, Map.of("variables", Map.of("code", "440513"),
                "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)))));

        assertThat(byHash.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(byHash)).doesNotContainKey("errors");
        assertThat(RawHttp.json(byHash).toString()).contains("code=440513");
    }

    private static String register(String document) {
        String admin = gateway.token("get-admin-" + UUID.randomUUID(), List.of(Role.DISTRICT_ADMIN), "440513", "ops-console");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + gateway.port() + "/admin/trusted-documents"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RawHttp.JSON.writeValueAsString(Map.of("document", document)))));
        assertThat(response.statusCode()).isEqualTo(200);
        return (String) RawHttp.json(response).get("sha256Hash");
    }
}
