package shanzhi.gateway.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JDK's HTTP client against one gateway: it never decompresses nor caches, so a test sees the
 * bytes and headers exactly as they cross the wire.
 */
final class RawHttp {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String graphQlUrl;

    RawHttp(int port) {
        this.graphQlUrl = "http://localhost:" + port + "/graphql";
    }

    HttpRequest.Builder post(String token, Map<String, Object> body) {
        return request(URI.create(graphQlUrl), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    /** GET /graphql with these parameters, URL-encoded; values that are maps are sent as JSON. */
    HttpRequest.Builder get(String token, Map<String, Object> parameters) {
        String query = parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue() instanceof String text ? text
                        : JSON.writeValueAsString(entry.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return request(URI.create(graphQlUrl + "?" + query), token).GET();
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient client() {
        return client;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<byte[]> response) {
        return JSON.readValue(response.body(), Map.class);
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token)
                .header("Shanzhi-Purpose", shanzhi.gateway.ApiTestBase.TEST_PURPOSE);
    }
}
