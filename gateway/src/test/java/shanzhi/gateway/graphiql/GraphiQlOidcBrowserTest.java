package shanzhi.gateway.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import shanzhi.gateway.GatewayInstance;

/**
 * GraphiQL in production mode: no demo issuer; the gateway accepts only the tokens of an OpenID
 * Connect provider (a real Spring Authorization Server, see OidcProvider) and the page signs in
 * there with the authorization code flow and PKCE, as a public client. The user never sees or
 * types a token; the page renews it before it expires. The browser reaches nothing but this machine.
 */
class GraphiQlOidcBrowserTest {
    private static OidcProvider provider;
    private static GatewayInstance gateway;
    private final Chromium browser = Chromium.get();
    private final GraphiQlScreen graphiQl = new GraphiQlScreen(browser);

    @BeforeAll
    static void startProviderAndGateway() throws Exception {
        int gatewayPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            gatewayPort = socket.getLocalPort();
        }
        String page = "http://localhost:" + gatewayPort + "/graphiql";
        provider = OidcProvider.start(page, "http://localhost:" + gatewayPort);
        gateway = GatewayInstance.start(Map.of(
                // Not the demo: no demo token issuer, no /demo/token, tokens only from the provider.
                "spring.profiles.active", "partner-test",
                "server.port", String.valueOf(gatewayPort),
                "shanzhi.security.jwt.issuer-uri", provider.issuer(),
                "shanzhi.graphiql.oidc.issuer", provider.issuer(),
                "shanzhi.graphiql.oidc.client-id", OidcProvider.CLIENT_ID,
                // Introspection only for this role, as in production: the signed-in user gets docs.
                "shanzhi.introspection.roles", OidcProvider.ROLE));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void signsInWithTheProviderRunsTheDashboardAndRenewsTheToken() {
        graphiQl.open("http://localhost:" + gateway.port() + "/graphiql");
        assertThat(graphiQl.sessionState()).isEqualTo("signed-out");
        assertThat(browser.driver().findElements(By.id("shanzhi-demo-sign-in"))).as("no demo panel").isEmpty();
        graphiQl.query("{ region(code: \"440513\") { name } }");
        graphiQl.run();
        assertThat(graphiQl.untilResponseContains("401")).contains("Sign in");

        browser.driver().findElement(By.id("shanzhi-sign-in")).click();
        browser.until("the provider's sign-in form", page -> page.findElements(By.id("username")).isEmpty() ? null : true);
        browser.screenshot("graphiql-oidc-provider-sign-in");
        browser.driver().findElement(By.id("username")).sendKeys(OidcProvider.USER);
        browser.driver().findElement(By.id("password")).sendKeys(OidcProvider.PASSWORD);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();

        graphiQl.rendered();
        graphiQl.untilSignedIn();
        assertThat(browser.driver().getCurrentUrl()).as("the code is gone from the address bar").doesNotContain("code=");
        assertThat(graphiQl.sessionText()).contains(OidcProvider.USER).contains(OidcProvider.ROLE).contains(OidcProvider.REGION);
        assertThat(graphiQl.docs()).contains("Query").contains("Subscription");

        // A signed-in user declares the purpose of the residents' list the dashboard reads.
        browser.driver().findElement(By.id("shanzhi-purpose")).sendKeys("STATISTICS");
        graphiQl.query(GraphiQlDemoBrowserTest.DASHBOARD);
        graphiQl.run();
        assertThat(graphiQl.untilResponseContains("\"totalCount\"", "legalAdviser")).doesNotContain("\"errors\"");
        browser.screenshot("graphiql-oidc-village-dashboard");

        String firstToken = tokenId();
        browser.until("the token to be renewed before it expires", page -> {
            String now = (String) browser.script("var e = document.getElementById('shanzhi-who'); return e ? e.dataset.tokenId : null");
            return now != null && !now.equals(firstToken) ? now : null;
        });
        graphiQl.rendered();
        graphiQl.untilSignedIn();
        graphiQl.query("{ region(code: \"440513\") { name } }");
        graphiQl.run();
        graphiQl.untilResponseContains("潮阳区");

        assertThat(browser.nonLocalRequests()).as("requests to hosts other than this machine").isEmpty();
        assertThat(browser.consoleMessages()).as("console messages")
                .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Refused to"));
    }

    private String tokenId() {
        return (String) browser.script("return document.getElementById('shanzhi-who').dataset.tokenId");
    }
}
