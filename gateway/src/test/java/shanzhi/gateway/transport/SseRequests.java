package shanzhi.gateway.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A GraphQL request over SSE (POST with Accept: text/event-stream), read to the end of its stream. */
public final class SseRequests {
    private SseRequests() {
    }

    /** The status and the whole event stream as text; for requests whose stream ends by itself. */
    public record Answer(int status, String text) {
    }

    /** @param path "" when {@code http} already points at /graphql, else "/graphql" */
    public static Answer post(WebTestClient http, String path, String token, String document, Map<String, Object> variables) {
        FluxExchangeResult<String> result = http.post().uri(path)
                .header("Authorization", "Bearer " + token)
                .header("Shanzhi-Purpose", shanzhi.gateway.ApiTestBase.TEST_PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(variables == null ? Map.of("query", document) : Map.of("query", document, "variables", variables))
                .exchange().returnResult(String.class);
        List<String> lines = result.getResponseBody().collectList().block(Duration.ofSeconds(20));
        return new Answer(result.getStatus().value(), String.join("\n", lines == null ? List.of() : lines));
    }
}
