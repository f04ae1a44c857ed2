package shanzhi.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.api.StatefulRedisConnection;
import shanzhi.gateway.TestRedis;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.trusted.DocumentHash;

/** GET /graphql as the GraphQL-over-HTTP spec says: queries only, by text or by document hash. */
class GetQueriesTest extends RawHttpTestBase {
    private static final StatefulRedisConnection<String, String> redis = TestRedis.get().connect();
    @AfterAll
    static void closeRedis() {
        redis.close();
    }

    @Test
    void aQueryRunsFromTheUrlWithItsVariablesAndOperationName() {
        HttpResponse<byte[]> response = http.send(http.get(token, Map.of(
                "query", "query Other { __typename } query Town($code: ID!) { region(code: $code) { code level } }",
                "operationName", "Town",
                "variables", Map.of("code", "440513001"))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(RawHttp.json(response)).isEqualTo(Map.of("data", Map.of("region", Map.of("code", "440513001", "level", "TOWN"))));
    }

    @Test
    void aPersistedDocumentRunsByItsHashWithTheVariablesInTheUrl() {
        String document = "query Stored" + UUID.randomUUID().toString().replace("-", "")
                + "($code: ID!) { region(code: $code) { code name } }";
        String hash = DocumentHash.of(document);
        Map<String, Object> persisted = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));

        HttpResponse<byte[]> unknown = http.send(http.get(token, Map.of("extensions", persisted, "variables", Map.of("code", DISTRICT))));
        assertThat(RawHttp.json(unknown).toString()).contains("PERSISTED_QUERY_NOT_FOUND");

        // Apollo's protocol over GET: the client sends the document with its hash once, then the hash alone.
        assertThat(http.send(http.get(token, Map.of("query", document, "extensions", persisted,
                "variables", Map.of("code", DISTRICT)))).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> byHash = http.send(http.get(token, Map.of("extensions", persisted,
                "variables", Map.of("code", "440513002"))));

        assertThat(byHash.statusCode()).isEqualTo(200);
        assertThat(((Map<?, ?>) ((Map<?, ?>) RawHttp.json(byHash).get("data")).get("region")).get("code")).isEqualTo("440513002");
        assertThat(byHash.headers().firstValue("ETag")).as("a reference-only answer by hash is cacheable").isPresent();
    }

    @Test
    void aMutationIs405WithAllowPostAndRunsNothing() {
        String mutation = "mutation { registerDispute(input: {idempotencyKey: \"" + newKey() + "\", category: FAMILY,"
                + " summary: \"over GET\", cellCode: \"440513001001001\", partyIds: [\"1\", \"2\"]}) { id } }";
        Map<Department, Long> statements = statementsDuring(() -> {
            HttpResponse<byte[]> response = http.send(http.get(token, Map.of("query", mutation)));

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
            assertThat(RawHttp.json(response).toString()).contains("METHOD_NOT_ALLOWED").doesNotContain("data=");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store, private");
        });
        assertThat(statements.values()).as("statements sent to the stores").allMatch(count -> count == 0);
    }

    @Test
    void aMutationNamedByItsHashIs405Too() {
        String mutation = "mutation Stored" + UUID.randomUUID().toString().replace("-", "")
                + " { advanceGridEvent(id: \"1\", to: CLOSED) { id } }";
        String hash = DocumentHash.of(mutation);
        redis.sync().set(TestRedis.get().keyPrefix() + "apq:" + hash, mutation);

        HttpResponse<byte[]> response = http.send(http.get(token, Map.of("extensions",
                Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)))));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aSubscriptionIs405() {
        HttpResponse<byte[]> response = http.send(http.get(token, Map.of("query",
                "subscription { gridEventReported(under: \"" + DISTRICT + "\") { id } }")));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void withoutATokenAGetIs401() {
        HttpResponse<byte[]> response = http.send(http.get(null, Map.of("query", "{ __typename }")));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void variablesThatAreNotAJsonObjectAre400() {
        for (String variables : List.of("{not json", "[1]", "42")) {
            HttpResponse<byte[]> response = http.send(http.get(token, Map.of("query", "{ __typename }", "variables", variables)));

            assertThat(response.statusCode()).as("variables=%s", variables).isEqualTo(400);
            assertThat(RawHttp.json(response).toString()).contains("BAD_REQUEST", "variables");
        }
    }

    @Test
    void aGetWithoutQueryNorPersistedDocumentIs400() {
        HttpResponse<byte[]> response = http.send(http.get(token, Map.of("operationName", "X")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(response).toString()).contains("query");
    }

    @Test
    void aParameterGivenTwiceIs400() {
        HttpResponse<byte[]> repeated = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + localPort + "/graphql?query=%7B__typename%7D&query=%7B__typename%7D"))
                .header("Authorization", "Bearer " + token).GET());

        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(repeated).toString()).contains("more than once");
    }
}
