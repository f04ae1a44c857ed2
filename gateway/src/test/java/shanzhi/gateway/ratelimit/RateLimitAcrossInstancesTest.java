package shanzhi.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;

/**
 * The rate limits are shared by all replicas through Redis: two gateway instances with small
 * limits (per subject: burst 5, then one request per 10 s; per client: burst 8) beside each
 * other, requests alternating between them.
 */
class RateLimitAcrossInstancesTest {
    private static final String QUERY = "{ region(code: \"440513\") { code } }";
    private static final int SUBJECT_BURST = 5;
    private static final int CLIENT_BURST = 8;
    private static final long SECONDS_PER_REQUEST = 10;
    private static GatewayInstance first;
    private static GatewayInstance second;

    @BeforeAll
    static void start() {
        Map<String, String> smallLimits = Map.of(
                "shanzhi.rate-limit.subject.rate", String.valueOf(1.0 / SECONDS_PER_REQUEST),
                "shanzhi.rate-limit.subject.burst", String.valueOf(SUBJECT_BURST),
                "shanzhi.rate-limit.client.rate", String.valueOf(1.0 / SECONDS_PER_REQUEST),
                "shanzhi.rate-limit.client.burst", String.valueOf(CLIENT_BURST));
        first = GatewayInstance.start(smallLimits);
        second = GatewayInstance.start(smallLimits);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void oneSubjectsRequestsOnBothInstancesShareOneBurstAndTheNextIs429WithRetryAfter() {
        String subject = unique("subject");
        String client = unique("client");
        for (int i = 0; i < SUBJECT_BURST; i++) {
            send(i % 2 == 0 ? first : second, subject, client).expectStatus().isOk()
                    .expectBody().jsonPath("$.data.region.code").isEqualTo("440513");
        }

        EntityExchangeResult<byte[]> limited = send(second, subject, client)
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("RATE_LIMITED")
                .returnResult();
        long retryAfter = Long.parseLong(limited.getResponseHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).as("whole seconds until one request's worth has drained").isBetween(1L, SECONDS_PER_REQUEST);

        EntityExchangeResult<byte[]> again = send(first, subject, client)
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS).expectBody().returnResult();
        assertThat(Long.parseLong(again.getResponseHeaders().getFirst("Retry-After")))
                .as("a refused request does not push the next allowed time further out").isLessThanOrEqualTo(retryAfter);
    }

    @Test
    void anotherSubjectOfAnotherClientIsNotAffectedByALimitedOne() {
        String limitedSubject = unique("subject");
        String client = unique("client");
        for (int i = 0; i <= SUBJECT_BURST; i++) {
            send(first, limitedSubject, client);
        }
        send(second, limitedSubject, client).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        send(second, unique("subject"), unique("client")).expectStatus().isOk();
    }

    @Test
    void theClientLimitCountsAllSubjectsOfOneClientTogether() {
        String client = unique("client");
        for (int i = 0; i < CLIENT_BURST; i++) {
            // Each subject stays well inside its own limit (two requests of a burst of five).
            String subject = "member-" + (i / 2) + "-" + client;
            send(i % 2 == 0 ? first : second, subject, client).expectStatus().isOk();
        }

        send(first, unique("fresh-subject"), client).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists("Retry-After");
    }

    @Test
    void aRequestWithoutAValidTokenIs401NotCounted() {
        first.http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", QUERY))
                .exchange().expectStatus().isUnauthorized().expectHeader().doesNotExist("Retry-After");
    }

    // --- helpers ---

    private static WebTestClient.ResponseSpec send(GatewayInstance gateway, String subject, String client) {
        String token = gateway.token(subject, List.of(Role.DISTRICT_ADMIN), "440513", client);
        return gateway.http().post().uri("/graphql").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", QUERY)).exchange();
    }

    private static String unique(String kind) {
        return kind + "-" + UUID.randomUUID();
    }
}
