package shanzhi.gateway.authentication;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import graphql.execution.ExecutionId;
import reactor.core.publisher.Mono;

/**
 * Authenticates a graphql-ws connection, and keeps checking it. A browser cannot put an
 * Authorization header on the WebSocket upgrade, so the token comes in the connection_init payload
 * ({@code {"Authorization": "Bearer ..."}}), or else from the upgrade request's header (other
 * clients). It is checked by the same decoder as every HTTP request (signature, issuer, audience,
 * expiry, Shanzhi claims); without a valid one the connection is closed with 4401 (graphql-ws
 * Unauthorized) before any subscribe is accepted.
 * <p>
 * Every subscribe message (query, mutation or subscription) checks the connection's token again
 * when it starts: once its exp has passed (strictly, without the clock-skew leeway of the HTTP
 * check, as open subscriptions do) the operation is not run and the connection is closed with 4401
 * "Token expired"; a token that no longer passes the validator closes it with 4401 "Token refused". A client renews the token on an open
 * connection with a graphql-ws {@code ping} whose payload is {@code {"Authorization": "Bearer <new
 * token>"}}: the new token is verified like connection_init's and must name the same subject (else
 * 4403); a refused one closes the connection with 4401 "Token refused". Operations that start after
 * a renewal run with the new token; a subscription already open keeps the expiry of the token it
 * started with (it ends with TOKEN_EXPIRED and is subscribed again).
 * Each operation then runs with that authentication, so CallerInterceptor and every other
 * interceptor see the same caller as over HTTP.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE) // as the token decoder it needs
public class WebSocketAuthentication implements WebSocketGraphQlInterceptor, Ordered {
    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "Token expired");
    static final CloseStatus TOKEN_REFUSED = new CloseStatus(4401, "Token refused");
    static final CloseStatus OTHER_SUBJECT = new CloseStatus(4403, "Renewal token is for another subject");
    private static final String TOKEN = WebSocketAuthentication.class.getName() + ".token";
    private static final String RENEWAL = WebSocketAuthentication.class.getName() + ".renewal";
    private static final String SESSION = WebSocketAuthentication.class.getName() + ".session";
    private static final String BEARER = "bearer ";
    private final ReactiveJwtDecoder decoder;

    public WebSocketAuthentication(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** The connection's current token: its text (checked again per operation) and what it said when verified. */
    private record SocketToken(String text, Jwt jwt) {
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        String authorization = authorization(payload);
        if (authorization == null) {
            authorization = session.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        }
        String token = bearer(authorization);
        if (token == null) {
            return Mono.error(new BadCredentialsException("No bearer token in connection_init nor on the upgrade request"));
        }
        Object purpose = payload == null ? null : payload.get("purpose");
        if (purpose != null) {
            // The connection's purpose of access, for each of its operations (PurposeInterceptor).
            session.getAttributes().put(shanzhi.gateway.purpose.PurposeInterceptor.SOCKET_PURPOSE, purpose);
        }
        return decoder.decode(token)
                .doOnNext(jwt -> session.getAttributes().put(TOKEN, new SocketToken(token, jwt)))
                .then(Mono.empty());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
            return chain.next(request);
        }
        Map<String, Object> attributes = webSocket.getSessionInfo().getAttributes();
        // The message id is unique only on its connection; the request id of logs and errors must be unique.
        webSocket.executionId(ExecutionId.from(webSocket.getSessionInfo().getId() + "/" + webSocket.getId()));
        if (attributes.get(TOKEN) == null) {
            // A subscribe sent before the connection_init was checked: CallerInterceptor refuses it.
            return chain.next(request);
        }
        return pendingRenewal(attributes)
                .then(Mono.defer(() -> {
                    SocketToken current = (SocketToken) attributes.get(TOKEN);
                    if (expired(current.jwt())) {
                        return close(attributes, TOKEN_EXPIRED).then(Mono.<Jwt>empty());
                    }
                    return decoder.decode(current.text())
                            .onErrorResume(refused -> close(attributes, TOKEN_REFUSED).then(Mono.empty()));
                }))
                .flatMap(jwt -> chain.next(request)
                        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new JwtAuthenticationToken(jwt))));
    }

    /** The session the interceptor may close; put there by {@link RenewableWebSocket} as the connection opens. */
    static void opened(WebSocketSession session) {
        session.getAttributes().put(SESSION, session);
    }

    /**
     * A ping that carries an Authorization: the renewal starts at once and the connection's next
     * operations wait for it, so one sent right after the ping already runs with the new token.
     */
    void ping(WebSocketSession session, Map<String, Object> payload) {
        String token = bearer(authorization(payload));
        if (token == null) {
            return;
        }
        Map<String, Object> attributes = session.getAttributes();
        Mono<Void> renewal = pendingRenewal(attributes).then(renew(attributes, token)).cache();
        attributes.put(RENEWAL, renewal);
        renewal.subscribe();
    }

    private Mono<Void> renew(Map<String, Object> attributes, String token) {
        SocketToken current = (SocketToken) attributes.get(TOKEN);
        if (current == null) {
            return close(attributes, TOKEN_REFUSED);
        }
        return decoder.decode(token)
                .flatMap(jwt -> {
                    if (!Objects.equals(jwt.getSubject(), current.jwt().getSubject())) {
                        return close(attributes, OTHER_SUBJECT);
                    }
                    attributes.put(TOKEN, new SocketToken(token, jwt));
                    return Mono.<Void>empty();
                })
                .onErrorResume(refused -> close(attributes, TOKEN_REFUSED));
    }

    @SuppressWarnings("unchecked")
    private static Mono<Void> pendingRenewal(Map<String, Object> attributes) {
        Mono<Void> renewal = (Mono<Void>) attributes.get(RENEWAL);
        return renewal == null ? Mono.empty() : renewal.onErrorResume(error -> Mono.empty());
    }

    private static Mono<Void> close(Map<String, Object> attributes, CloseStatus status) {
        attributes.remove(TOKEN);
        WebSocketSession session = (WebSocketSession) attributes.get(SESSION);
        return session == null ? Mono.empty() : session.close(status);
    }

    private static boolean expired(Jwt jwt) {
        return jwt.getExpiresAt() != null && !Instant.now().isBefore(jwt.getExpiresAt());
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    static String authorization(Map<String, Object> payload) {
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
