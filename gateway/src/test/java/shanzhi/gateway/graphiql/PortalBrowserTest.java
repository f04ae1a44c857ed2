package shanzhi.gateway.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpServer;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * A portal's page on another origin, in the shared Chromium, calling the demo gateway as a
 * portal's script would: fetch() with the token and a graphql-ws socket. From an origin on the
 * demo's list (http://127.0.0.1:*) both work; from one that is not (portal.test, which resolves to
 * this machine) the browser gets no readable answer and the socket is refused.
 */
class PortalBrowserTest extends ApiTestBase {
    /** The portal: a query with fetch() and a graphql-ws connection_init, results in the page. */
    private static final String PORTAL = """
            <!doctype html><meta charset="utf-8"><title>portal</title>
            <pre id="fetch">pending</pre><pre id="ws">pending</pre>
            <script>
            const p = new URLSearchParams(location.hash.slice(1));
            const show = (id, text) => { document.getElementById(id).textContent = text; };
            fetch(p.get('gateway') + '/graphql', { method: 'POST',
                headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + p.get('token') },
                body: JSON.stringify({ query: '{ region(code: "440513") { name } }' }) })
              .then(r => r.text().then(t => show('fetch', r.status + ' ' + t)))
              .catch(e => show('fetch', 'blocked ' + e));
            const ws = new WebSocket(p.get('gateway').replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
            ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: 'Bearer ' + p.get('token') } }));
            ws.onmessage = m => { show('ws', 'message ' + m.data); ws.close(); };
            ws.onclose = e => { if (document.getElementById('ws').textContent === 'pending') show('ws', 'closed ' + e.code); };
            </script>
            """;
    private static HttpServer portal;

    @LocalServerPort
    int gatewayPort;

    final Chromium browser = Chromium.get();

    @BeforeAll
    static void servePortal() {
        try {
            portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        portal.createContext("/portal.html", exchange -> {
            byte[] body = PORTAL.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        portal.start();
    }

    @AfterAll
    static void stopPortal() {
        portal.stop(0);
    }

    @AfterEach
    void nothingLeftTheMachine() {
        assertThat(browser.nonLocalRequests()).as("requests to hosts other than this machine").isEmpty();
    }

    void openPortal(String host) {
        String token = tokens.issue("portal-user", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "portal", Duration.ofMinutes(10));
        browser.open("http://" + host + ":" + portal.getAddress().getPort() + "/portal.html#gateway="
                + URLEncoder.encode("http://localhost:" + gatewayPort, StandardCharsets.UTF_8) + "&token=" + token);
    }

    String untilDone(String id) {
        return (String) browser.untilScript(id + " to finish",
                "var t = document.getElementById(arguments[0]).textContent; return t === 'pending' ? null : t", id);
    }

    @Test
    void aPortalOnAnAllowedOriginQueriesAndSubscribes() {
        openPortal("127.0.0.1");
        assertThat(untilDone("fetch")).startsWith("200 ").contains("潮阳区");
        assertThat(untilDone("ws")).contains("connection_ack");
        browser.screenshot("portal-allowed-origin");
    }

    @Test
    void aPortalOnAnotherOriginGetsNothing() {
        openPortal(Chromium.FOREIGN_HOST);
        assertThat(untilDone("fetch")).startsWith("blocked");
        assertThat(untilDone("ws")).startsWith("closed");
        assertThat(browser.consoleMessages()).as("the browser's reasons")
                .anyMatch(message -> message.contains("CORS") || message.contains("Access-Control-Allow-Origin"));
    }
}
