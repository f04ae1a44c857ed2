package shanzhi.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


/**
 * Cache-Control from the data: reference-only answers may be kept (private, max-age, strong ETag,
 * 304 on If-None-Match); anything personal, any error and any mutation is private, no-store.
 */
class CacheControlTest extends RawHttpTestBase {
    private static final String NO_STORE = "no-store, private";
    private static final String REFERENCE_ONLY = "{ region(code: \"440513001\") { code name level parent { code }"
            + " children { code name policeRoom { name station { name } } legalAdviser { name lawFirm villages { code } } }"
            + " judicialOffice { name town { code } } policeStation { name rooms { name village { code } } } } }";
    @Test
    void aReferenceOnlyAnswerIsPrivateWithAMaxAgeAndAStrongEtagAndA304WhenItMatches() {
        HttpResponse<byte[]> first = http.send(http.get(token, Map.of("query", REFERENCE_ONLY)));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(first)).doesNotContainKey("errors");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=60, private");
        assertThat(first.headers().allValues("Vary")).contains("Authorization");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).as("a strong tag").startsWith("\"").doesNotStartWith("W/");

        HttpResponse<byte[]> again = http.send(http.get(token, Map.of("query", REFERENCE_ONLY)).header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("max-age=60, private");

        HttpResponse<byte[]> weakList = http.send(http.get(token, Map.of("query", REFERENCE_ONLY))
                .header("If-None-Match", "\"other\", W/" + etag));
        assertThat(weakList.statusCode()).as("If-None-Match compares weakly, in a list").isEqualTo(304);

        HttpResponse<byte[]> stale = http.send(http.get(token, Map.of("query", REFERENCE_ONLY)).header("If-None-Match", "\"other\""));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(first.body());
        assertThat(stale.headers().firstValue("ETag")).as("same bytes, same tag").hasValue(etag);

        HttpResponse<byte[]> otherRegion = http.send(http.get(token, Map.of("query", REFERENCE_ONLY.replace("440513001", "440513002"))));
        assertThat(otherRegion.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
    }

    @Test
    void personalDataIsPrivateNoStoreWithoutEtag() {
        HttpResponse<byte[]> response = http.send(http.get(token, Map.of("query",
                "{ people(under: \"" + DISTRICT + "\", first: 2) { edges { node { id name } } } }")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue(NO_STORE);
        assertThat(response.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void oneFieldBeyondReferenceDataMakesTheWholeAnswerNoStore() {
        for (String query : List.of(
                "{ region(code: \"440513001\") { code population } }",
                "{ region(code: \"440513001\") { code residents(first: 1) { totalCount } } }",
                "{ region(code: \"440513001\") { code gridWorkers(first: 1) { edges { node { name } } } } }",
                "query { ...R } fragment R on Query { region(code: \"440513001\") { name incidentStats(year: 2024) { count } } }")) {
            HttpResponse<byte[]> response = http.send(http.get(token, Map.of("query", query)));

            assertThat(response.statusCode()).as(query).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).as(query).hasValue(NO_STORE);
            assertThat(response.headers().firstValue("ETag")).as(query).isEmpty();
        }
    }

    @Test
    void aFieldSkippedByItsVariableDoesNotCountButIncludedItDoes() {
        String query = "query($more: Boolean!) { region(code: \"440513001\") { code population @include(if: $more) } }";

        HttpResponse<byte[]> skipped = http.send(http.get(token, Map.of("query", query, "variables", Map.of("more", false))));
        HttpResponse<byte[]> included = http.send(http.get(token, Map.of("query", query, "variables", Map.of("more", true))));

        assertThat(skipped.headers().firstValue("Cache-Control")).hasValue("max-age=60, private");
        assertThat(included.headers().firstValue("Cache-Control")).hasValue(NO_STORE);
    }

    @Test
    void errorsAreNoStore() {
        HttpResponse<byte[]> invalid = http.send(http.get(token, Map.of("query", "{ region(code: \"440513001\") { nope } }")));
        HttpResponse<byte[]> badInput = http.send(http.get(token, Map.of("query",
                "{ regions(level: TOWN, first: -1) { totalCount } }")));

        assertThat(invalid.headers().firstValue("Cache-Control")).hasValue(NO_STORE);
        assertThat(RawHttp.json(badInput)).containsKey("errors");
        assertThat(badInput.headers().firstValue("Cache-Control")).hasValue(NO_STORE);
        assertThat(badInput.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void aPostGetsTheSameCacheControlAndAMutationIsNoStore() {
        HttpResponse<byte[]> reference = http.send(http.post(token, Map.of("query", REFERENCE_ONLY)));
        HttpResponse<byte[]> mutation = http.send(http.post(token, Map.of("query",
                "mutation { advanceGridEvent(id: \"0\", to: CLOSED) { id } }")));

        assertThat(reference.headers().firstValue("Cache-Control")).hasValue("max-age=60, private");
        assertThat(reference.headers().firstValue("ETag")).as("POST answers are not reused by HTTP caches").isEmpty();
        assertThat(mutation.headers().firstValue("Cache-Control")).hasValue(NO_STORE);
    }
}
