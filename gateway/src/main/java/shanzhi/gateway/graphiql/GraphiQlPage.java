package shanzhi.gateway.graphiql;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * The HTML of /graphiql and its Content-Security-Policy. The page runs no inline script: its
 * settings travel as a JSON data block, which the policy does not need to allow, and every
 * script and style sheet comes from this gateway with its integrity hash.
 */
final class GraphiQlPage {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String html;
    private final String contentSecurityPolicy;

    GraphiQlPage(List<GraphiQlAsset> assets, Map<String, Object> settings, URI signInProvider) {
        this.html = html(assets, settings);
        this.contentSecurityPolicy = contentSecurityPolicy(signInProvider);
    }

    String html() {
        return html;
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /**
     * Nothing from another host, except that the page may call the sign-in provider's discovery
     * and token endpoints (connect-src). 'self' in connect-src covers the graphql-ws socket of the
     * same host. Data URIs are the fonts and icons inside GraphiQL's style sheet.
     */
    static String contentSecurityPolicy(URI signInProvider) {
        String provider = signInProvider == null ? "" : " " + origin(signInProvider);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
                + "connect-src 'self'" + provider + "; worker-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String html(List<GraphiQlAsset> assets, Map<String, Object> settings) {
        String styles = assets.stream().filter(asset -> !asset.isScript())
                .map(asset -> "<link rel=\"stylesheet\" href=\"" + attribute(asset.url()) + "\" integrity=\""
                        + asset.integrity() + "\" crossorigin=\"anonymous\">")
                .collect(Collectors.joining("\n  "));
        String scripts = assets.stream().filter(GraphiQlAsset::isScript)
                .map(asset -> "<script src=\"" + attribute(asset.url()) + "\" integrity=\"" + asset.integrity()
                        + "\" crossorigin=\"anonymous\"></script>")
                .collect(Collectors.joining("\n  "));
        // "<" escaped so that no value can close the data block.
        String json = JSON.writeValueAsString(new LinkedHashMap<>(settings)).replace("<", "\\u003c");
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Shanzhi GraphiQL</title>
                  %s
                  <script type="application/json" id="shanzhi-graphiql-settings">%s</script>
                </head>
                <body>
                  <header id="shanzhi-session" data-state="loading"></header>
                  <main id="graphiql">Loading GraphiQL...</main>
                  <noscript>GraphiQL needs JavaScript.</noscript>
                  %s
                </body>
                </html>
                """.formatted(styles, json, scripts);
    }

    private static String attribute(String value) {
        return HtmlUtils.htmlEscape(value);
    }
}
