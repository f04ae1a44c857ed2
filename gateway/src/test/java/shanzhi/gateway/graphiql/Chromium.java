package shanzhi.gateway.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One headless Debian Chromium for the browser tests of the JVM (starting one is the costly part
 * on a two-core machine), driven by Debian's chromium-driver through Selenium, with every host
 * but this machine unresolvable: a page that needed the internet would fail here as on an
 * intranet. {@code portal.test} resolves to 127.0.0.1, an origin the demo's CORS list lacks.
 * Every URL the browser asked for is kept, so a test can assert that none left the machine.
 */
final class Chromium {
    static final String FOREIGN_HOST = "portal.test";
    static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", FOREIGN_HOST);
    /** Generous: the suite's machine has two cores shared with the build and the databases. */
    static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static Chromium shared;

    private final ChromeDriver driver;
    private final List<String> requested = new ArrayList<>();
    private final List<String> console = new ArrayList<>();

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static synchronized Chromium get() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.driver::quit));
        }
        return shared;
    }

    private static Chromium start() {
        String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String driverBinary = System.getProperty("chromium.driver", "/usr/bin/chromedriver");
        assertThat(new File(binary)).as("Debian's chromium (.ci/run installs it)").exists();
        assertThat(new File(driverBinary)).as("Debian's chromium-driver (.ci/run installs it)").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                "--host-resolver-rules=MAP " + FOREIGN_HOST + " 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverBinary)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        return new Chromium(driver);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Polls the page (never a fixed sleep) until the condition holds or patience runs out. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        // A page that navigates meanwhile (a sign-in redirect, a token renewal) fails a script call: poll again.
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(250)).withMessage(what)
                .ignoring(JavascriptException.class).ignoring(org.openqa.selenium.TimeoutException.class)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Until the script returns a non-empty, non-false value. */
    Object untilScript(String what, String script, Object... arguments) {
        return until(what, page -> {
            Object value = script(script, arguments);
            return value == null || Boolean.FALSE.equals(value) || "".equals(value) ? null : value;
        });
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every URL requested so far (pages, scripts, fetches, sockets), oldest first. */
    synchronized List<String> requestedUrls() {
        drainLogs();
        return List.copyOf(requested);
    }

    /** The console messages so far (CSP violations are reported there as "Refused to ..."). */
    synchronized List<String> consoleMessages() {
        drainLogs();
        return List.copyOf(console);
    }

    /** URLs of the requests that went to another host than this machine. */
    List<String> nonLocalRequests() {
        return requestedUrls().stream().filter(url -> {
            URI uri = URI.create(url);
            return uri.getHost() != null && !LOCAL_HOSTS.contains(uri.getHost());
        }).toList();
    }

    private void drainLogs() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            String method = message.path("method").asString("");
            JsonNode params = message.path("params");
            if (method.equals("Network.requestWillBeSent")) {
                requested.add(params.path("request").path("url").asString(""));
            } else if (method.equals("Network.webSocketCreated")) {
                requested.add(params.path("url").asString(""));
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
    }

}
