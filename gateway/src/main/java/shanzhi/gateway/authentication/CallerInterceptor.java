package shanzhi.gateway.authentication;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import shanzhi.api.Caller;

/**
 * Puts the verified caller into the request's GraphQLContext, where every rule reads it; for a
 * graphql-ws subscribe the authentication is the connection's (see WebSocketAuthentication).
 */
@Component
public class CallerInterceptor implements WebGraphQlInterceptor, Ordered {
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .cast(JwtAuthenticationToken.class)
                .map(token -> CallerClaims.caller(token.getToken()))
                .switchIfEmpty(Mono.error(new IllegalStateException("GraphQL request without a verified token")))
                .flatMap(caller -> {
                    request.configureExecutionInput((input, builder) ->
                            builder.graphQLContext(context -> context.put(Caller.class, caller)).build());
                    return chain.next(request);
                });
    }

    /** Right inside WebSocketAuthentication, before every other interceptor. */
    @Override
    public int getOrder() {
        return ORDER;
    }
}
