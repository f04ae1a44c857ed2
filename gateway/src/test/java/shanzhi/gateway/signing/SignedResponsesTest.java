package shanzhi.gateway.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.audit.OfflineVerifier;
import shanzhi.gateway.audit.TrailExport;
import shanzhi.gateway.keys.DetachedJws;
import shanzhi.gateway.keys.EvidenceKeysEndpoint;
import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.sources.Endpoint;
import shanzhi.gateway.transport.GraphQlWsConnection;
import shanzhi.gateway.witness.Witnesses;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client configured for signed responses (partner-signed in the tests' configuration) gets each
 * HTTP response with a detached JWS over its exact bytes, checkable with the published key alone;
 * the JWS names the audit record that holds those bytes' digest. Other clients get no signature.
 */
class SignedResponsesTest extends ApiTestBase {
    private static final String SIGNED_CLIENT = "partner-signed";
    private static final String PERSON = "{ people(under: \"440513\", first: 2) { edges { node { id name idNumber } } } }";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @LocalServerPort
    int gatewayPort;
    @Autowired
    SigningKeys keys;

    @Test
    void aSignedClientsResponseVerifiesWithThePublishedKeyAndItsRecordHoldsTheBodysDigest() throws SQLException {
        EntityExchangeResult<byte[]> result = post(token(SIGNED_CLIENT), PERSON);
        byte[] body = result.getResponseBodyContent();
        String jws = result.getResponseHeaders().getFirst(SignedResponses.HEADER);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("idNumber");

        Map<String, Object> header = DetachedJws.verify(publishedKeys(), jws, body).orElseThrow();
        assertThat(header).containsEntry("alg", "EdDSA").containsEntry("typ", SignedResponses.TYPE).containsKey("iat");
        long sequence = ((Number) header.get("seq")).longValue();
        Stored stored = record(sequence);
        assertThat(stored.responseDigest()).isEqualTo(SignedResponses.sha256(body));
        assertThat(stored.client()).isEqualTo(SIGNED_CLIENT);
        assertThat(stored.version()).isEqualTo(4);
        assertThat(stored.fields()).contains("idNumber");
    }

    @Test
    void aChangedByteOrAReformattedBodyNoLongerVerifies() {
        EntityExchangeResult<byte[]> result = post(token(SIGNED_CLIENT), PERSON);
        byte[] body = result.getResponseBodyContent();
        String jws = result.getResponseHeaders().getFirst(SignedResponses.HEADER);
        SigningKeys keys = publishedKeys();
        assertThat(DetachedJws.verify(keys, jws, body)).isPresent();

        for (int at : List.of(0, body.length / 2, body.length - 1)) {
            byte[] changed = body.clone();
            changed[at] ^= 1;
            assertThat(DetachedJws.verify(keys, jws, changed)).as("byte %d changed", at).isEmpty();
        }
        byte[] sameJsonOtherBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.readTree(body));
        assertThat(DetachedJws.verify(keys, jws, sameJsonOtherBytes)).isEmpty();
        assertThat(DetachedJws.verify(keys, jws.replace("..", ".e30."), body)).as("an attached payload").isEmpty();
    }

    @Test
    void aResponseWithoutPersonalDataIsSignedAndRecordedToo() throws SQLException {
        EntityExchangeResult<byte[]> result = post(token(SIGNED_CLIENT), "{ region(code: \"440513\") { name } }");
        byte[] body = result.getResponseBodyContent();
        Map<String, Object> header = DetachedJws.verify(publishedKeys(),
                result.getResponseHeaders().getFirst(SignedResponses.HEADER), body).orElseThrow();
        Stored stored = record(((Number) header.get("seq")).longValue());
        assertThat(stored.responseDigest()).isEqualTo(SignedResponses.sha256(body));
        assertThat(stored.personIds()).isEmpty();
    }

    @Test
    void anErrorResponseIsSignedOverTheBytesSent() throws SQLException {
        EntityExchangeResult<byte[]> result = post(token(SIGNED_CLIENT), "{ person(id: \"no-such-person\") { name } }");
        byte[] body = result.getResponseBodyContent();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("errors");
        Map<String, Object> header = DetachedJws.verify(publishedKeys(),
                result.getResponseHeaders().getFirst(SignedResponses.HEADER), body).orElseThrow();
        assertThat(record(((Number) header.get("seq")).longValue()).responseDigest())
                .isEqualTo(SignedResponses.sha256(body));
    }

    @Test
    void aGetIsSignedAsAPostIs() throws SQLException {
        String query = URLEncoder.encode("{ region(code: \"440513\") { name population } }", StandardCharsets.UTF_8);
        EntityExchangeResult<byte[]> result = http().get().uri("?query=" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(SIGNED_CLIENT))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        byte[] body = result.getResponseBodyContent();
        Map<String, Object> header = DetachedJws.verify(publishedKeys(),
                result.getResponseHeaders().getFirst(SignedResponses.HEADER), body).orElseThrow();
        assertThat(record(((Number) header.get("seq")).longValue()).responseDigest())
                .isEqualTo(SignedResponses.sha256(body));
    }

    @Test
    void otherClientsGetNoSignatureAndNoRecordForAnswersWithoutPersons() throws SQLException {
        long before = lastSequence();
        EntityExchangeResult<byte[]> result = post(token("api-tests"), "{ region(code: \"440513\") { name } }");
        assertThat(result.getResponseHeaders().get(SignedResponses.HEADER)).isNull();
        assertThat(lastSequence()).isEqualTo(before);

        EntityExchangeResult<byte[]> personal = post(token("api-tests"), PERSON);
        assertThat(personal.getResponseHeaders().get(SignedResponses.HEADER)).isNull();
        assertThat(lastSequence()).as("personal data is recorded as always, without a digest").isEqualTo(before + 1);
        assertThat(record(before + 1).responseDigest()).isNull();
    }

    @Test
    void overGraphQlWsASignedClientsReadsAreRecordedAsAlways() throws SQLException {
        long before = lastSequence();
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(gatewayPort, token(SIGNED_CLIENT))) {
            Map<String, Object> result = ws.execute(PERSON, Map.of());
            assertThat(result.toString()).contains("idNumber");
        }
        assertThat(lastSequence()).isEqualTo(before + 1);
        Stored stored = record(before + 1);
        assertThat(stored.client()).isEqualTo(SIGNED_CLIENT);
        assertThat(stored.responseDigest()).as("no signed body on this path").isNull();
        assertThat(stored.fields()).contains("idNumber");
    }

    @Test
    void anInspectorChecksAResponseShownLaterAgainstTheKeysAndAnExportedSegment(@TempDir Path temp) throws Exception {
        EntityExchangeResult<byte[]> shown = post(token(SIGNED_CLIENT), PERSON);
        byte[] body = shown.getResponseBodyContent();
        String jws = shown.getResponseHeaders().getFirst(SignedResponses.HEADER);
        long sequence = ((Number) DetachedJws.verify(publishedKeys(), jws, body).orElseThrow().get("seq")).longValue();
        Path export = temp.resolve("export");
        TestDatabases databases = TestDatabases.get();
        TrailExport.write(Endpoint.parse(databases.url(GatewayTestConfiguration.AUDIT), databases.user(),
                databases.password()), Witnesses.none(), keys, sequence, sequence, export);
        Path bodyFile = Files.write(temp.resolve("response.json"), body);
        Path signatureFile = Files.writeString(temp.resolve("response.jws"), jws + "\n");

        Verified intact = offline(export, bodyFile, signatureFile);
        assertThat(intact.code()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("audit record " + sequence + " holds its digest " + SignedResponses.sha256(body));

        byte[] changed = body.clone();
        changed[changed.length / 2] ^= 1;
        Verified tampered = offline(export, Files.write(temp.resolve("changed.json"), changed), signatureFile);
        assertThat(tampered.code()).as(tampered.output()).isEqualTo(1);
        assertThat(tampered.output()).contains("signature does NOT verify");

        EntityExchangeResult<byte[]> later = post(token(SIGNED_CLIENT), PERSON);
        Verified elsewhere = offline(export, Files.write(temp.resolve("later.json"), later.getResponseBodyContent()),
                Files.writeString(temp.resolve("later.jws"), later.getResponseHeaders().getFirst(SignedResponses.HEADER)));
        assertThat(elsewhere.code()).as(elsewhere.output()).isEqualTo(1);
        assertThat(elsewhere.output()).contains("is NOT in the verified segment");
    }

    private record Verified(int code, String output) {
    }

    private static Verified offline(Path export, Path body, Path signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = OfflineVerifier.run(new String[] {export.toString(), "--response", body.toString(),
                "--signature", signature.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verified(code, out.toString(StandardCharsets.UTF_8));
    }

    private EntityExchangeResult<byte[]> post(String token, String document) {
        return http().post().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(Map.of("query", document))
                .exchange().expectStatus().isOk().expectBody().returnResult();
    }

    private String token(String client) {
        return tokens.issue("signed-responses-" + client, List.of(Role.DISTRICT_ADMIN), DISTRICT, null, client,
                Duration.ofMinutes(10));
    }

    private SigningKeys publishedKeys() {
        Map<String, List<Map<String, String>>> set = WebTestClient.bindToServer().baseUrl("http://localhost:" + gatewayPort).build()
                .get().uri(EvidenceKeysEndpoint.PATH).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, List<Map<String, String>>>>() { })
                .returnResult().getResponseBody();
        Map<String, String> keys = new LinkedHashMap<>();
        set.get("keys").forEach(key -> keys.put(key.get("kid"), key.get("x")));
        return SigningKeys.verifying(keys);
    }

    private record Stored(String client, int version, String responseDigest, List<String> fields, List<Long> personIds) {
    }

    private static Stored record(long sequence) throws SQLException {
        TestDatabases databases = TestDatabases.get();
        try (var connection = DriverManager.getConnection(databases.jdbcUrl(GatewayTestConfiguration.AUDIT),
                databases.user(), databases.password());
             var select = connection.prepareStatement("SELECT client, record_version, response_digest, fields, person_ids "
                     + "FROM audit_record WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (var row = select.executeQuery()) {
                assertThat(row.next()).as("record %d", sequence).isTrue();
                return new Stored(row.getString(1), row.getInt(2), row.getString(3),
                        List.of((String[]) row.getArray(4).getArray()), List.of((Long[]) row.getArray(5).getArray()));
            }
        }
    }

    private static long lastSequence() throws SQLException {
        TestDatabases databases = TestDatabases.get();
        try (var connection = DriverManager.getConnection(databases.jdbcUrl(GatewayTestConfiguration.AUDIT),
                databases.user(), databases.password());
             var row = connection.createStatement().executeQuery("SELECT coalesce(max(sequence), 0) FROM audit_record")) {
            row.next();
            return row.getLong(1);
        }
    }
}
