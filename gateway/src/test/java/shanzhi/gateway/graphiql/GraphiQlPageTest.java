package shanzhi.gateway.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.gateway.ApiTestBase;

/**
 * The page over plain HTTP: what it loads is all on this gateway, each script and style sheet
 * with an integrity hash that matches the bytes served, under a policy that allows no other host.
 */
class GraphiQlPageTest extends ApiTestBase {
    private static final Pattern TAG = Pattern.compile("<(?:script|link)[^>]*(?:src|href)=\"([^\"]+)\"[^>]*integrity=\"([^\"]+)\"");

    @LocalServerPort
    int gatewayPort;

    WebTestClient gateway() {
        // GraphiQL's bundle is about 1 MB.
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + gatewayPort).responseTimeout(Duration.ofSeconds(60))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
    }

    @Test
    void everyScriptAndStyleSheetComesFromTheGatewayWithAMatchingIntegrityHash() throws Exception {
        String html = gateway().get().uri("/graphiql").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(html).doesNotContain("esm.sh").doesNotContain("unpkg").doesNotContain("//cdn");
        Matcher tags = TAG.matcher(html);
        List<String> urls = new ArrayList<>();
        while (tags.find()) {
            String url = tags.group(1);
            urls.add(url);
            assertThat(url).as("a path on this gateway").startsWith("/graphiql/");
            byte[] served = gateway().get().uri(url).exchange().expectStatus().isOk()
                    .expectBody(byte[].class).returnResult().getResponseBody();
            String hash = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(served));
            assertThat(tags.group(2)).as("integrity of %s", url).isEqualTo(hash);
        }
        assertThat(urls).as("scripts and style sheets").hasSize(GraphiQlConfiguration.assets().size());
        assertThat(html.split("<script").length - 1).as("script tags: the assets plus one data block")
                .isEqualTo(urls.stream().filter(url -> url.endsWith(".js")).count() + 1);
    }

    @Test
    void thePolicyAllowsNothingFromAnotherHost() {
        EntityExchangeResult<String> page = gateway().get().uri("/graphiql").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        String policy = page.getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(policy).contains("default-src 'self'").contains("script-src 'self'").contains("worker-src 'self'")
                .contains("connect-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http").doesNotContain("*");
    }

    @Test
    void theOidcProvidersOriginIsTheOnlyHostThePageMayCall() {
        assertThat(GraphiQlPage.contentSecurityPolicy(java.net.URI.create("https://login.example.gov.cn/realms/shanzhi")))
                .contains("connect-src 'self' https://login.example.gov.cn;")
                .doesNotContain("realms");
    }

    @Test
    void anAssetIsRevalidatedByItsHashAndUnknownPathsAreNotFound() {
        String url = GraphiQlConfiguration.assets().get(0).url();
        String etag = gateway().get().uri(url).exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseHeaders().getETag();
        gateway().get().uri(url).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isNotModified();
        gateway().get().uri("/graphiql/vendor/../../application.yml").exchange().expectStatus().value(status ->
                assertThat(status).isIn(400, 404));
        gateway().get().uri("/graphiql/assets/nothing.js").exchange().expectStatus().isNotFound();
    }
}
