package shanzhi.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.gateway.ApiTestBase;

/**
 * Behind an ingress that ends TLS, the URLs the gateway generates (the GraphiQL redirect) name
 * the address the client called: https and the public host, from X-Forwarded-Proto/Host.
 */
class ForwardedHeadersTest extends ApiTestBase {
    @LocalServerPort
    int serverPort;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void theGraphiqlRedirectUsesTheForwardedSchemeAndHost() {
        URI location = client().get().uri("/graphiql")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "shanzhi.example.org")
                .exchange().expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        assertThat(location).isNotNull();
        assertThat(location.getScheme()).isEqualTo("https");
        assertThat(location.getHost()).isEqualTo("shanzhi.example.org");
        assertThat(location.getPort()).as("the default https port").isEqualTo(-1);
    }

    @Test
    void withoutForwardedHeadersTheRedirectNamesTheGatewayItself() {
        URI location = client().get().uri("/graphiql")
                .exchange().expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        assertThat(location).isNotNull();
        assertThat(location.getScheme()).isIn("http", null);
    }
}
