package shanzhi.gateway.security;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Authenticates a graphql-ws connection. A browser cannot put an Authorization header on the
 * WebSocket upgrade, so the token comes in the connection_init payload
 * ({@code {"Authorization": "Bearer ..."}}), or else from the upgrade request's header (other
 * clients). It is checked by the same decoder as every HTTP request (signature, issuer, audience,
 * expiry, Shanzhi claims); without a valid one the connection is closed with 4401 (graphql-ws
 * Unauthorized) before any subscribe is accepted. Each subscribe then runs with that
 * authentication, so CallerInterceptor and every other interceptor see the same caller as over HTTP.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE) // as the token decoder it needs
public class WebSocketAuthentication implements WebSocketGraphQlInterceptor, Ordered {
    private static final String AUTHENTICATION = WebSocketAuthentication.class.getName() + ".authentication";
    private static final String BEARER = "bearer ";
    private final ReactiveJwtDecoder decoder;

    public WebSocketAuthentication(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        String authorization = authorization(payload);
        if (authorization == null) {
            authorization = session.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(new BadCredentialsException("No bearer token in connection_init nor on the upgrade request"));
        }
        return decoder.decode(authorization.substring(BEARER.length()).trim())
                .doOnNext(jwt -> session.getAttributes().put(AUTHENTICATION, new JwtAuthenticationToken(jwt)))
                .then(Mono.empty());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
            return chain.next(request);
        }
        Authentication authentication = (Authentication) webSocket.getSessionInfo().getAttributes().get(AUTHENTICATION);
        if (authentication == null) {
            // A subscribe sent before the connection_init was checked: CallerInterceptor refuses it.
            return chain.next(request);
        }
        return chain.next(request).contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication));
    }

    private static String authorization(Map<String, Object> payload) {
        if (payload == null) {
            return null;
        }
        for (Map.Entry<String, Object> entry : payload.entrySet()) {
            if (HttpHeaders.AUTHORIZATION.equalsIgnoreCase(entry.getKey()) && entry.getValue() instanceof String value) {
                return value;
            }
        }
        return null;
    }

    /** Outermost: every other interceptor, CallerInterceptor first, runs with the authentication. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
