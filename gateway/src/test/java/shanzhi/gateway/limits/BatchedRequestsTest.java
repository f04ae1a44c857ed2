package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.sources.Department;

/**
 * Batching over HTTP is not supported: one request carries one operation. A JSON array of
 * operations is refused with 400 and a message saying so, before anything is executed.
 */
class BatchedRequestsTest extends ApiTestBase {
    private static final String ONE = "{\"query\": \"{ region(code: \\\"440513\\\") { name } }\"}";

    @Test
    void anArrayOfOperationsIsABadRequestWithAMessage() {
        Map<Department, Long> statements = statementsDuring(() -> post("[" + ONE + ", " + ONE + "]")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("BAD_REQUEST")
                .jsonPath("$.errors[0].message").value(String.class, message -> assertThat(message)
                        .contains("Batching").contains("one operation per request")));
        Refusals.assertNoStatements(statements);
    }

    @Test
    void anArrayOfOneOperationIsABatchToo() {
        post("[" + ONE + "]").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo(UnreadableRequests.NOT_ONE_REQUEST);
    }

    @Test
    void aBodyLargerThanTheServerReadsIsPayloadTooLarge() {
        String padding = "x".repeat(300 * 1024);
        post("{\"query\": \"{ region(code: \\\"440513\\\") { name } }\", \"extensions\": {\"pad\": \"" + padding + "\"}}")
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("REQUEST_TOO_LARGE");
    }

    @Test
    void oneOperationAsAnObjectIsAnswered() {
        post(ONE).expectStatus().isOk()
                .expectBody().jsonPath("$.data.region.name").isEqualTo("潮阳区");
    }

    private WebTestClient.ResponseSpec post(String body) {
        String token = tokens.issue("test-batch", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests",
                Duration.ofMinutes(10));
        return http().post().header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }
}
