package shanzhi.gateway.graphiql;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * GraphiQL's page as a user works it: the sign-in bar, the query editor, the run button, the
 * response pane. The editors are CodeMirror 5 instances, set and read through CodeMirror's own
 * API (typing would fight its bracket auto-closing).
 */
final class GraphiQlScreen {
    private final Chromium browser;

    GraphiQlScreen(Chromium browser) {
        this.browser = browser;
    }

    /** Opens the page signed out and waits until GraphiQL has rendered its editors. */
    GraphiQlScreen open(String url) {
        browser.open(url);
        browser.script("sessionStorage.clear()");
        browser.open(url);
        return rendered();
    }

    GraphiQlScreen rendered() {
        browser.untilScript("GraphiQL's query editor", "return document.querySelector('.graphiql-query-editor .CodeMirror') !== null");
        browser.untilScript("the sign-in bar", "return document.getElementById('shanzhi-session').dataset.state !== 'loading'");
        return this;
    }

    String sessionState() {
        return (String) browser.script("return document.getElementById('shanzhi-session').dataset.state");
    }

    String sessionText() {
        return browser.driver().findElement(By.id("shanzhi-session")).getText();
    }

    void signInAsDemo(String role, String region, String worker) {
        new Select(browser.driver().findElement(By.id("shanzhi-role"))).selectByValue(role);
        var regionInput = browser.driver().findElement(By.id("shanzhi-region"));
        regionInput.clear();
        regionInput.sendKeys(region);
        if (worker != null) {
            browser.driver().findElement(By.id("shanzhi-worker")).sendKeys(worker);
        }
        browser.driver().findElement(By.id("shanzhi-sign-in")).click();
        untilSignedIn();
    }

    void untilSignedIn() {
        browser.untilScript("signed in", "return document.getElementById('shanzhi-session').dataset.state === 'signed-in'");
    }

    void query(String document) {
        browser.script("document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0])", document);
    }

    /** Presses the run button (or the stop button of a running subscription). */
    void run() {
        browser.driver().findElement(By.cssSelector("button.graphiql-execute-button")).click();
    }

    String response() {
        Object text = browser.script("var e = document.querySelector('.graphiql-response .CodeMirror');"
                + "return e ? e.CodeMirror.getValue() : ''");
        return text == null ? "" : text.toString();
    }

    /** Waits until the response pane contains every part. */
    String untilResponseContains(String... parts) {
        return (String) browser.until("the response to contain " + String.join(", ", parts), page -> {
            String text = response();
            for (String part : parts) {
                if (!text.contains(part)) {
                    return null;
                }
            }
            return text;
        });
    }

    /** Opens the documentation explorer and waits for the schema's root types. */
    String docs() {
        browser.driver().findElement(By.cssSelector("button[aria-label='Show Documentation Explorer']")).click();
        return (String) browser.untilScript("the documentation explorer to show the schema",
                "var e = document.querySelector('.graphiql-doc-explorer');"
                        + "return e && e.innerText.indexOf('Query') >= 0 ? e.innerText : null");
    }
}
