package shanzhi.gateway.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.live.PublishedLiveEvents;

/**
 * GraphiQL in a real browser that cannot reach anything but this machine, on the demo gateway:
 * the page comes entirely from the jar, tells a signed-out user how to sign in, signs in with the
 * demo panel, shows the schema's docs, runs the README's village dashboard and a subscription.
 * After every test: no request left the machine and the page's Content-Security-Policy refused
 * nothing (so it allows all the page needs and nothing else is fetched). Screenshots go to
 * target/screenshots/.
 */
class GraphiQlDemoBrowserTest extends ApiTestBase {
    static final String DASHBOARD = """
            # A village dashboard (README, "Example queries")
            {
              regions(level: VILLAGE, under: "440513013", first: 1) {
                totalCount
                edges { node {
                  code name population
                  legalAdviser { name lawFirm }
                  policeRoom { name station { name } }
                  gridWorkers(first: 5) { totalCount edges { node { name phone } } }
                  residents(first: 5, filter: { tag: OVERSEAS_CHINESE_FAMILY }) {
                    totalCount
                    edges { node { name idNumber household { address members { name } } cell { name } } }
                  }
                  disputes(first: 5) { edges { node { category status summary parties { name } } } }
                  incidents(first: 5, category: CRIMINAL) { edges { node { subcategory occurredAt persons { name } } } }
                } }
              }
            }
            """;

    @LocalServerPort
    int gatewayPort;

    @Autowired
    PublishedLiveEvents live;

    final Chromium browser = Chromium.get();
    final GraphiQlScreen graphiQl = new GraphiQlScreen(browser);
    int requestsBefore;

    @BeforeEach
    void markRequests() {
        requestsBefore = browser.requestedUrls().size();
    }

    @AfterEach
    void nothingLeftTheMachineAndNothingWasRefusedByThePolicy() {
        assertThat(browser.nonLocalRequests()).as("requests to hosts other than this machine").isEmpty();
        assertThat(browser.requestedUrls().subList(requestsBefore, browser.requestedUrls().size()))
                .as("the page's own requests").isNotEmpty();
        assertThat(browser.consoleMessages()).as("console messages")
                .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Refused to"));
    }

    String page() {
        return "http://localhost:" + gatewayPort + "/graphiql";
    }

    @Test
    void aSignedOutUserIsToldHowToSignIn() {
        graphiQl.open(page());
        assertThat(graphiQl.sessionState()).isEqualTo("signed-out");
        assertThat(graphiQl.sessionText()).contains("Demo sign-in");
        graphiQl.query("{ region(code: \"440513\") { name } }");
        graphiQl.run();
        String response = graphiQl.untilResponseContains("401");
        assertThat(response).contains("not signed in").contains("Sign in with the panel at the top of the page");
        browser.screenshot("graphiql-demo-signed-out-401");
    }

    @Test
    void aRefusedDemoSignInSaysWhyAndStaysSignedOut() {
        graphiQl.open(page());
        browser.driver().findElement(By.id("shanzhi-region")).clear();
        browser.driver().findElement(By.id("shanzhi-region")).sendKeys("44x");
        browser.driver().findElement(By.id("shanzhi-sign-in")).click();
        String message = (String) browser.untilScript("the refusal",
                "var t = document.getElementById('shanzhi-message').textContent; return t.indexOf('refused') >= 0 ? t : null");
        assertThat(message).contains("Sign-in refused").contains("region");
        assertThat(graphiQl.sessionState()).isEqualTo("signed-out");
    }

    @Test
    void signsInWithTheDemoPanelShowsTheDocsAndRunsTheVillageDashboard() {
        graphiQl.open(page());
        graphiQl.signInAsDemo("DISTRICT_ADMIN", "440513", null);
        assertThat(graphiQl.sessionText()).contains("DISTRICT_ADMIN").contains("440513");
        assertThat(graphiQl.docs()).contains("Query").contains("Mutation").contains("Subscription");

        String village = query(DASHBOARD).path("regions.edges[0].node.name").entity(String.class).get();
        graphiQl.query(DASHBOARD);
        graphiQl.run();
        String response = graphiQl.untilResponseContains("\"totalCount\"", village);
        assertThat(response).contains("legalAdviser").contains("gridWorkers").doesNotContain("\"errors\"");
        browser.screenshot("graphiql-demo-village-dashboard");
    }

    @Test
    void aSubscriptionShowsAnEventReportedByAMutation() {
        graphiQl.open(page());
        graphiQl.signInAsDemo("DISTRICT_ADMIN", "440513", null);
        int before = live.subscribers();
        graphiQl.query("subscription { gridEventReported(under: \"440513\") { id category description region { name } } }");
        graphiQl.run();
        browser.until("the subscription to be open on the gateway", page -> live.subscribers() > before ? true : null);

        // A grid worker of the README's cell reports, as themselves, from the field.
        String cell = "44051300100103001";
        String grid = cell.substring(0, 14);
        String worker = query("{ region(code: \"" + grid + "\") { gridWorkers(first: 1) { edges { node { id } } } } }")
                .path("region.gridWorkers.edges[0].node.id").entity(String.class).get();
        String description = "GraphiQL " + UUID.randomUUID();
        as(List.of(Role.GRID_WORKER), grid, Long.valueOf(worker))
                .document("mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { id } }")
                .variables(Map.of("input", Map.of("idempotencyKey", newKey(), "category", "SANITATION",
                        "description", description, "cellCode", cell, "reporterId", worker, "personIds", List.of())))
                .execute()
                .path("reportGridEvent.id").hasValue();
        String response = graphiQl.untilResponseContains(description);
        assertThat(response).contains("gridEventReported").contains("SANITATION");
        browser.screenshot("graphiql-demo-subscription-event");
        graphiQl.run(); // stop
        browser.until("the subscription to end", page -> live.subscribers() == before ? true : null);
    }
}
