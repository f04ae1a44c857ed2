package shanzhi.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.audit.RecordSignature;

/**
 * The gateway publishes the public keys of its evidence without a token, and a record's
 * signature verifies with the key fetched from there.
 */
class EvidenceKeysEndpointTest extends ApiTestBase {
    private static final ParameterizedTypeReference<Map<String, List<Map<String, String>>>> JWKS =
            new ParameterizedTypeReference<>() { };
    @Autowired
    private SigningKeys keys;
    @LocalServerPort
    int gatewayPort;

    @Test
    void theJwkSetHoldsTheActiveKeyAndEveryTrustedOneWithoutAToken() {
        var result = WebTestClient.bindToServer().baseUrl("http://localhost:" + gatewayPort).build()
                .get().uri(EvidenceKeysEndpoint.PATH).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/jwk-set+json")
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("max-age=300"))
                .expectBody(JWKS).returnResult().getResponseBody();
        List<Map<String, String>> published = result.get("keys");
        assertThat(published).extracting(key -> key.get("kid")).containsExactlyInAnyOrderElementsOf(keys.publicKeys().keySet())
                .contains(keys.activeKeyId());
        assertThat(published).allSatisfy(key -> assertThat(key).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519")
                .containsEntry("alg", "EdDSA").containsEntry("x", keys.publicKeys().get(key.get("kid"))));
    }

    @Test
    void aRecordsSignatureVerifiesWithTheFetchedKey() throws SQLException {
        query("{ people(under: \"440513\", first: 1) { edges { node { id name } } } }")
                .path("people.edges").entityList(Object.class).hasSize(1);
        var result = WebTestClient.bindToServer().baseUrl("http://localhost:" + gatewayPort).build()
                .get().uri(EvidenceKeysEndpoint.PATH).exchange().expectStatus().isOk()
                .expectBody(JWKS).returnResult().getResponseBody();
        Map<String, String> fetched = new java.util.LinkedHashMap<>();
        result.get("keys").forEach(key -> fetched.put(key.get("kid"), key.get("x")));
        SigningKeys published = SigningKeys.verifying(fetched);

        TestDatabases databases = TestDatabases.get();
        try (var connection = DriverManager.getConnection(databases.jdbcUrl(GatewayTestConfiguration.AUDIT),
                databases.user(), databases.password());
             var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT content_hash, key_id, signature FROM audit_record "
                     + "WHERE key_id IS NOT NULL ORDER BY sequence DESC LIMIT 1")) {
            assertThat(row.next()).as("a signed record").isTrue();
            byte[] contentHash = row.getBytes("content_hash");
            String keyId = row.getString("key_id");
            byte[] signature = row.getBytes("signature");
            assertThat(published.verify(keyId, RecordSignature.message(contentHash, keyId), signature)).isTrue();
            byte[] other = contentHash.clone();
            other[0] ^= 1;
            assertThat(published.verify(keyId, RecordSignature.message(other, keyId), signature)).isFalse();
        }
    }
}
