package shanzhi.gateway.observability;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * Behind an ingress that ends TLS, the gateway sees the address the client called (https and the
 * public host, from X-Forwarded-Proto/Host). The visible consequence: GraphiQL served at
 * https://public-host/graphiql calls /graphql with Origin https://public-host, which is the
 * gateway's own origin, not a cross-origin call to be refused by the CORS list. Without the
 * forwarded headers the same Origin is another origin and refused.
 */
class ForwardedHeadersTest extends ApiTestBase {
    private static final String PUBLIC_ORIGIN = "https://shanzhi.example.org";
    private static final String QUERY = "{\"query\":\"{ region(code: \\\"440513\\\") { code } }\"}";

    @Test
    void aPageOnThePublicHttpsAddressIsTheGatewaysOwnOrigin() {
        post().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "shanzhi.example.org")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.region.code").isEqualTo("440513");
    }

    @Test
    void withoutForwardedHeadersThatOriginIsAnotherOneAndRefused() {
        post().exchange().expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
    }

    private WebTestClient.RequestHeadersSpec<?> post() {
        String token = tokens.issue("forwarded-admin", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests",
                Duration.ofMinutes(5));
        return http().post().header("Authorization", "Bearer " + token).header("Origin", PUBLIC_ORIGIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(QUERY);
    }
}
