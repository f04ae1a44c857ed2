package shanzhi.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * An SSE subscription's status and headers reach the client before any event, on the shared
 * gateway whose keep-alive (15 s) is far longer than the wait here: only SseHeadersAtOnce can have
 * sent them.
 */
class SseHeadersTest extends ApiTestBase {
    @LocalServerPort
    int localPort;

    @Test
    void theStatusAndHeadersOfAQuietSubscriptionArriveAtOnce() throws Exception {
        String token = tokens.issue("test-sse", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests", Duration.ofMinutes(10));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + localPort + "/graphql"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(RawHttp.JSON.writeValueAsString(Map.of("query", KeepAliveTest.SUBSCRIPTION))))
                .build();

        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(3, TimeUnit.SECONDS);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(body.available()).as("no body bytes: no event, no comment").isZero();
        }
    }
}
