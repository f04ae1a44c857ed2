package shanzhi.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.access.AccessDeniedException;

/**
 * 403 carries a GraphQL error body like 401 does (no request of the API reaches it today: every
 * authenticated caller passes the filter chain, and refusals by role are FORBIDDEN errors inside
 * GraphQL responses; the handler answers whatever Spring Security denies in the future).
 */
class RefusalBodiesTest {

    @Test
    void aDeniedRequestIs403WithAGraphqlErrorSayingHowToGetAToken() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/graphql"));

        new RefusalBodies("Get one from GET /demo/token.").accessDeniedHandler()
                .handle(exchange, new AccessDeniedException("denied")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"code\":\"FORBIDDEN\"").contains("/demo/token").doesNotContain("denied");
    }
}
