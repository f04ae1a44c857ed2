package shanzhi.gateway.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.lettuce.core.api.StatefulRedisConnection;
import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.GridWorkers;
import shanzhi.gateway.authentication.DemoTokenIssuer;
import shanzhi.gateway.TestRedis;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.StatementCounter;

/**
 * The switch shanzhi.trusted-documents.required-for-roles / -clients: such callers run only
 * documents an operator registered, however they send them, and a refused request runs nothing.
 * Its own gateway instance, so the shared test context keeps serving every role freely.
 */
class TrustedDocumentsRequiredTest {
    private static final String DISTRICT = "440513";
    private static final String FIELD_APP = "field-app";
    private static GatewayInstance gateway;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() {
        gateway = GatewayInstance.start(Map.of(
                "shanzhi.trusted-documents.required-for-roles", "GRID_WORKER",
                "shanzhi.trusted-documents.required-for-clients", FIELD_APP));
        redis = TestRedis.get().connect();
    }

    @AfterAll
    static void stop() {
        redis.close();
        gateway.close();
    }

    @Test
    void aGridWorkerCannotRunAnUnregisteredDocumentAndNothingRuns() {
        String document = PersistedQueriesTest.uniqueDocument();
        StatementCounter statements = gateway.bean(StatementCounter.class);
        Map<Department, Long> before = statements.snapshot();

        refused(graphQl(gridWorker(), Map.of("query", document)));
        refused(graphQl(gridWorker(), Map.of("query", document,
                "extensions", PersistedQueriesTest.persistedQuery(DocumentHash.of(document)))));

        assertThat(statements.snapshot()).as("statements sent to the stores").isEqualTo(before);
        assertThat(redis.sync().exists(TestRedis.get().keyPrefix() + "apq:" + DocumentHash.of(document)))
                .as("a refused document is not stored as APQ either").isZero();
    }

    @Test
    void anApqRegistrationByAnotherCallerDoesNotMakeADocumentTrusted() {
        String document = PersistedQueriesTest.uniqueDocument();
        String hash = DocumentHash.of(document);
        graphQl(admin(), Map.of("query", document, "extensions", PersistedQueriesTest.persistedQuery(hash)))
                .expectStatus().isOk().expectBody().jsonPath("$.data.region.code").isEqualTo(DISTRICT);

        refused(graphQl(gridWorker(), Map.of("extensions", PersistedQueriesTest.persistedQuery(hash))));
    }

    @Test
    void aRegisteredDocumentRunsForAGridWorkerByHashOrByItsText() {
        String document = PersistedQueriesTest.uniqueDocument();
        String hash = register(document);

        graphQl(gridWorker(), Map.of("extensions", PersistedQueriesTest.persistedQuery(hash))).expectStatus().isOk()
                .expectBody().jsonPath("$.errors").doesNotExist().jsonPath("$.data.region.code").isEqualTo(DISTRICT);
        graphQl(gridWorker(), Map.of("query", document)).expectStatus().isOk()
                .expectBody().jsonPath("$.errors").doesNotExist().jsonPath("$.data.region.code").isEqualTo(DISTRICT);
        refused(graphQl(gridWorker(), Map.of("query", document.replace("code name", "name code"))));
    }

    @Test
    void theClientSwitchRestrictsEveryRoleOfThatClientAndOnlyThatClient() {
        String document = PersistedQueriesTest.uniqueDocument();
        String officerOfFieldApp = gateway.token("officer-1", List.of(Role.TOWN_OFFICER), "440513001", FIELD_APP);
        String officerOfPortal = gateway.token("officer-1", List.of(Role.TOWN_OFFICER), "440513001", "portal");

        refused(graphQl(officerOfFieldApp, Map.of("query", document)));
        graphQl(officerOfPortal, Map.of("query", document)).expectStatus().isOk()
                .expectBody().jsonPath("$.errors").doesNotExist().jsonPath("$.data.region.code").isEqualTo(DISTRICT);

        register(document);
        graphQl(officerOfFieldApp, Map.of("query", document)).expectStatus().isOk()
                .expectBody().jsonPath("$.errors").doesNotExist().jsonPath("$.data.region.code").isEqualTo(DISTRICT);
    }

    // --- helpers ---

    private static void refused(WebTestClient.ResponseSpec response) {
        response.expectStatus().isOk().expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].extensions.code").isEqualTo("TRUSTED_DOCUMENT_REQUIRED")
                .jsonPath("$.data").doesNotExist();
    }

    private static String register(String document) {
        return (String) client(admin()).post().uri("/admin/trusted-documents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("document", document)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("sha256Hash");
    }

    private static WebTestClient.ResponseSpec graphQl(String token, Map<String, Object> body) {
        return client(token).post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static WebTestClient client(String token) {
        return gateway.http().mutate().defaultHeader("Authorization", "Bearer " + token).build();
    }

    private static String gridWorker() {
        GridWorkers.Assignment worker = GridWorkers.first();
        return gateway.bean(DemoTokenIssuer.class).issue("worker-7", List.of(Role.GRID_WORKER), worker.grid(),
                worker.workerId(), "grid-app", java.time.Duration.ofMinutes(10));
    }

    private static String admin() {
        return gateway.token("admin-1", List.of(Role.DISTRICT_ADMIN), DISTRICT, "ops-console");
    }
}
