package shanzhi.gateway.transport;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * A body that is not one GraphQL request is HTTP 400 with a GraphQL error body (extensions.code
 * BAD_REQUEST) that says what to send; a request without a valid token is 401 with a GraphQL
 * error body (UNAUTHENTICATED) that says where tokens come from.
 */
class MalformedRequestsTest extends ApiTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"", "null", " null ", "42", "\"{ __typename }\"", "true", "[]", "[{\"query\": \"{ __typename }\"}]"})
    void aBodyThatIsNotOneJsonObjectIs400WithAGraphqlError(String body) {
        assertBadRequest(post(body), "one JSON object");
    }

    @Test
    void aBodyWithADuplicateKeyIs400() {
        assertBadRequest(post("{\"query\": \"{ region(code: \\\"440513\\\") { code } }\", \"query\": \"{ __typename }\"}"),
                "same JSON key twice");
        assertBadRequest(post("{\"query\": \"query($c: ID!) { region(code: $c) { code } }\", "
                + "\"variables\": {\"c\": \"440513\", \"c\": \"440513001\"}}"), "same JSON key twice");
    }

    @Test
    void aSubscriptionSentAsAPlainPostIs400SayingHowToSubscribe() {
        assertBadRequest(post("{\"query\": \"subscription { gridEventReported(under: \\\"440513\\\") { id } }\"}"),
                "text/event-stream")
                .jsonPath("$.data").doesNotExist();
    }

    @Test
    void withoutATokenTheAnswerIs401WithAGraphqlErrorSayingWhereTokensComeFrom() {
        http().post().contentType(MediaType.APPLICATION_JSON).bodyValue("{\"query\": \"{ __typename }\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("UNAUTHENTICATED")
                .jsonPath("$.errors[0].message").value(message -> org.assertj.core.api.Assertions.assertThat((String) message)
                        .contains("Authorization: Bearer").contains("/demo/token"));
    }

    @Test
    void aRefusedTokenIs401WithAGraphqlErrorToo() {
        http().post().header("Authorization", "Bearer not.a.token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\": \"{ __typename }\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("UNAUTHENTICATED")
                .jsonPath("$.errors[0].message").value(message -> org.assertj.core.api.Assertions.assertThat((String) message)
                        .contains("refused").contains("/demo/token"));
    }

    private WebTestClient.ResponseSpec post(String body) {
        String token = tokens.issue("malformed", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests", Duration.ofMinutes(10));
        return http().post().header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private static WebTestClient.BodyContentSpec assertBadRequest(WebTestClient.ResponseSpec response, String messagePart) {
        return response.expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("BAD_REQUEST")
                .jsonPath("$.errors[0].message").value(message ->
                        org.assertj.core.api.Assertions.assertThat((String) message).containsIgnoringCase(messagePart));
    }
}
