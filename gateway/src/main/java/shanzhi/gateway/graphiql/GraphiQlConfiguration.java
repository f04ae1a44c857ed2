package shanzhi.gateway.graphiql;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;
import shanzhi.api.Role;
import shanzhi.gateway.authentication.DemoTokenIssuer;

/**
 * GraphiQL at /graphiql, served entirely from the jar: GraphiQL's own bundle (vendored from npm,
 * see README), React, ReactDOM and graphql-ws from their webjars, and the page's script, which
 * signs the user in (demo panel or OpenID Connect with PKCE) and sends the token with every query
 * and in the graphql-ws connection_init. Spring for GraphQL's GraphiQL page, which loads its
 * code from a CDN, is switched off (spring.graphql.graphiql.enabled=false).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "shanzhi.graphiql.enabled", matchIfMissing = true)
public class GraphiQlConfiguration {
    static final String PATH = "/graphiql";
    private static final MediaType JAVASCRIPT = MediaType.valueOf("text/javascript;charset=UTF-8");
    private static final MediaType CSS = MediaType.valueOf("text/css;charset=UTF-8");
    private static final String WEBJARS = "META-INF/resources/webjars/";

    /** In the order the page loads them: GraphiQL's bundle needs the React globals. */
    static List<GraphiQlAsset> assets() {
        return List.of(
                GraphiQlAsset.of(PATH + "/vendor/graphiql/3.9.0/graphiql.min.css", "graphiql/vendor/graphiql/3.9.0/graphiql.min.css", CSS),
                GraphiQlAsset.of(PATH + "/assets/shanzhi-graphiql.css", "graphiql/shanzhi-graphiql.css", CSS),
                GraphiQlAsset.of(PATH + "/vendor/react/18.3.1/react.production.min.js", WEBJARS + "react/18.3.1/umd/react.production.min.js", JAVASCRIPT),
                GraphiQlAsset.of(PATH + "/vendor/react-dom/18.3.1/react-dom.production.min.js", WEBJARS + "react-dom/18.3.1/umd/react-dom.production.min.js", JAVASCRIPT),
                GraphiQlAsset.of(PATH + "/vendor/graphql-ws/5.16.0/graphql-ws.min.js", WEBJARS + "graphql-ws/5.16.0/umd/graphql-ws.min.js", JAVASCRIPT),
                GraphiQlAsset.of(PATH + "/vendor/graphiql/3.9.0/graphiql.min.js", "graphiql/vendor/graphiql/3.9.0/graphiql.min.js", JAVASCRIPT),
                GraphiQlAsset.of(PATH + "/assets/shanzhi-graphiql.js", "graphiql/shanzhi-graphiql.js", JAVASCRIPT));
    }

    @Bean
    RouterFunction<ServerResponse> graphiQlRoutes(GraphiQlProperties properties, ObjectProvider<DemoTokenIssuer> demo,
                                                  @Value("${spring.graphql.path:/graphql}") String graphQlPath,
                                                  @Value("${spring.graphql.websocket.path:}") String webSocketPath) {
        List<GraphiQlAsset> assets = assets();
        Map<String, GraphiQlAsset> byUrl = assets.stream().collect(Collectors.toMap(GraphiQlAsset::url, Function.identity()));
        GraphiQlProperties.Oidc oidc = properties.provider();
        URI provider = oidc == null ? null : URI.create(oidc.issuer());
        GraphiQlPage page = new GraphiQlPage(assets, settings(oidc, demo.getIfAvailable() != null, graphQlPath, webSocketPath), provider);
        return RouterFunctions.route()
                .GET(PATH, request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .header("Content-Security-Policy", page.contentSecurityPolicy())
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(page.html()))
                .GET(PATH + "/**", request -> asset(request, byUrl.get(request.path()), page))
                .build();
    }

    private static Mono<ServerResponse> asset(ServerRequest request, GraphiQlAsset asset, GraphiQlPage page) {
        if (asset == null) {
            return ServerResponse.notFound().build();
        }
        // The integrity hash is the file's identity: a browser revalidates and gets 304 until it changes.
        String etag = "\"" + asset.integrity() + "\"";
        if (request.headers().header(HttpHeaders.IF_NONE_MATCH).contains(etag)) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ServerResponse.ok().contentType(asset.type()).eTag(etag).cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", page.contentSecurityPolicy())
                .bodyValue(asset.content());
    }

    /** What the page's script reads from its settings block. */
    private static Map<String, Object> settings(GraphiQlProperties.Oidc oidc, boolean demo, String graphQlPath,
                                                String webSocketPath) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("graphqlPath", graphQlPath);
        settings.put("webSocketPath", webSocketPath.isEmpty() ? null : webSocketPath);
        if (oidc != null) {
            settings.put("signIn", "oidc");
            settings.put("oidc", Map.of("issuer", oidc.issuer(), "clientId", oidc.clientId(), "scope", oidc.scope()));
        } else if (demo) {
            settings.put("signIn", "demo");
            settings.put("demoTokenPath", "/demo/token");
            settings.put("roles", Arrays.stream(Role.values()).map(Role::name).toList());
        } else {
            settings.put("signIn", "none");
        }
        return settings;
    }
}
