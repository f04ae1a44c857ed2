package shanzhi.gateway.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.lettuce.core.api.StatefulRedisConnection;
import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.TestRedis;

/**
 * Automatic Persisted Queries (Apollo's protocol) and operator-registered trusted documents,
 * against the test Redis, for callers that the trusted-documents switch does not restrict.
 */
class PersistedQueriesTest extends ApiTestBase {
    private static final StatefulRedisConnection<String, String> redis = TestRedis.get().connect();

    @LocalServerPort
    int gatewayPort;

    @AfterAll
    static void closeRedis() {
        redis.close();
    }

    @Test
    void anUnknownHashIsPersistedQueryNotFoundAndTheDocumentSentWithItsHashThenRunsFromTheHashAlone() {
        String document = uniqueDocument();
        String hash = DocumentHash.of(document);

        post(admin(), Map.of("extensions", persistedQuery(hash))).expectStatus().isOk().expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("PERSISTED_QUERY_NOT_FOUND")
                .jsonPath("$.errors[0].message").isEqualTo("PersistedQueryNotFound")
                .jsonPath("$.data").doesNotExist();

        post(admin(), Map.of("query", document, "extensions", persistedQuery(hash))).expectStatus().isOk().expectBody()
                .jsonPath("$.errors").doesNotExist()
                .jsonPath("$.data.region.code").isEqualTo(DISTRICT);
        assertThat(redis.sync().ttl(apqKey(hash))).as("APQ entries expire").isPositive()
                .isLessThanOrEqualTo(Duration.ofDays(7).toSeconds());

        post(admin(), Map.of("extensions", persistedQuery(hash))).expectStatus().isOk().expectBody()
                .jsonPath("$.errors").doesNotExist()
                .jsonPath("$.data.region.code").isEqualTo(DISTRICT)
                .jsonPath("$.data.region.name").isNotEmpty();
    }

    @Test
    void theStoredDocumentRunsWithTheVariablesOfTheHashOnlyRequest() {
        String document = "query Apq" + suffix() + "($code: ID!) { region(code: $code) { code } }";
        String hash = DocumentHash.of(document);
        post(admin(), Map.of("query", document, "variables", Map.of("code", DISTRICT), "extensions", persistedQuery(hash)))
                .expectStatus().isOk();

        post(admin(), Map.of("variables", Map.of("code", "440513001"), "extensions", persistedQuery(hash)))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.errors").doesNotExist()
                .jsonPath("$.data.region.code").isEqualTo("440513001");
    }

    @Test
    void aHashThatIsNotTheDocumentsSha256IsRefusedAndNothingIsStoredOrRun() {
        String document = uniqueDocument();
        String otherHash = DocumentHash.of(document + " ");

        post(admin(), Map.of("query", document, "extensions", persistedQuery(otherHash))).expectStatus().isOk().expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("BAD_REQUEST")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("does not match"))
                .jsonPath("$.data").doesNotExist();
        assertThat(redis.sync().exists(apqKey(otherHash), apqKey(DocumentHash.of(document)))).isZero();
    }

    @Test
    void aMalformedPersistedQueryExtensionIsRefused() {
        post(admin(), Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", "not-a-hash"))))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("BAD_REQUEST")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("sha256Hash"));
        post(admin(), Map.of("extensions", Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", DocumentHash.of("{ x }")))))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("BAD_REQUEST")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("version"));
    }

    @Test
    void aDistrictAdminRegistersATrustedDocumentThatThenRunsFromItsHashAndCanWithdrawIt() {
        String document = uniqueDocument();
        String hash = DocumentHash.of(document);

        register(Map.of("document", document)).expectStatus().isOk().expectBody()
                .jsonPath("$.sha256Hash").isEqualTo(hash);
        assertThat(redis.sync().hget(TestRedis.get().keyPrefix() + "trusted-documents", hash)).isEqualTo(document);
        assertThat(redis.sync().exists(apqKey(hash))).as("an operator registration is not an APQ entry").isZero();

        post(admin(), Map.of("extensions", persistedQuery(hash))).expectStatus().isOk().expectBody()
                .jsonPath("$.errors").doesNotExist()
                .jsonPath("$.data.region.code").isEqualTo(DISTRICT);

        adminClient(admin()).delete().uri("/admin/trusted-documents/" + hash).exchange().expectStatus().isNoContent();
        post(admin(), Map.of("extensions", persistedQuery(hash))).expectStatus().isOk().expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        adminClient(admin()).delete().uri("/admin/trusted-documents/" + hash).exchange().expectStatus().isNotFound();
    }

    @Test
    void onlyADistrictAdminMayRegisterAndOnlyDocumentsValidAgainstTheSchema() {
        String document = uniqueDocument();
        String officer = tokens.issue("test-officer", List.of(Role.TOWN_OFFICER), "440513001", null, "api-tests",
                Duration.ofMinutes(10));
        adminClient(officer).post().uri("/admin/trusted-documents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("document", document)).exchange().expectStatus().isForbidden();
        WebTestClient.bindToServer().baseUrl("http://localhost:" + gatewayPort).build()
                .post().uri("/admin/trusted-documents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("document", document)).exchange().expectStatus().isUnauthorized();

        String invalid = "{ region(code: \"440513\") { noSuchField } }";
        register(Map.of("document", invalid)).expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
                .expectBody().jsonPath("$.error").value(message -> assertThat((String) message).contains("noSuchField"));
        assertThat(redis.sync().hexists(TestRedis.get().keyPrefix() + "trusted-documents", DocumentHash.of(invalid))).isFalse();
        assertThat(redis.sync().hexists(TestRedis.get().keyPrefix() + "trusted-documents", DocumentHash.of(document))).isFalse();
    }

    // --- helpers ---

    /** POST /admin/trusted-documents as a district administrator. */
    private WebTestClient.ResponseSpec register(Map<String, Object> body) {
        return adminClient(admin()).post().uri("/admin/trusted-documents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private String admin() {
        return tokens.issue("test-admin", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests", Duration.ofMinutes(10));
    }

    private WebTestClient adminClient(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + gatewayPort)
                .defaultHeader("Authorization", "Bearer " + token).responseTimeout(Duration.ofSeconds(60)).build();
    }

    private WebTestClient.ResponseSpec post(String token, Map<String, Object> body) {
        return adminClient(token).post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static Map<String, Object> persistedQuery(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    /** A document no other test (or earlier run) has stored: its operation name is new. */
    static String uniqueDocument() {
        return "query Doc" + suffix() + " { region(code: \"" + DISTRICT + "\") { code name } }";
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String apqKey(String hash) {
        return TestRedis.get().keyPrefix() + "apq:" + hash;
    }
}
