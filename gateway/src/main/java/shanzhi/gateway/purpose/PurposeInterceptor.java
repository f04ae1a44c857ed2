package shanzhi.gateway.purpose;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import shanzhi.gateway.authentication.CallerInterceptor;

/**
 * Puts the request's declared purpose into its GraphQLContext, where PurposeDirective checks it:
 * from the Shanzhi-Purpose header (HTTP, SSE), else the request's extensions.purpose, and on
 * graphql-ws from the connection_init payload's purpose (kept by WebSocketAuthentication), else
 * the subscribe message's extensions. Sending it in two places with different values is refused.
 */
@Component
public class PurposeInterceptor implements WebGraphQlInterceptor, Ordered {
    /** The session attribute holding connection_init's purpose. */
    public static final String SOCKET_PURPOSE = PurposeInterceptor.class.getName() + ".purpose";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        DeclaredPurpose declared = declared(request);
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(DeclaredPurpose.class, declared)).build());
        return chain.next(request);
    }

    private static DeclaredPurpose declared(WebGraphQlRequest request) {
        DeclaredPurpose outer = request instanceof WebSocketGraphQlRequest socket
                ? Purposes.parseObject(socket.getSessionInfo().getAttributes().get(SOCKET_PURPOSE))
                : Purposes.parseHeader(String.join(",", request.getHeaders().getOrEmpty(Purposes.HEADER)));
        DeclaredPurpose inner = Purposes.parseObject(request.getExtensions().get("purpose"));
        if (outer.malformed() != null || !inner.present() && inner.malformed() == null) {
            return outer;
        }
        if (!outer.present() && outer.malformed() == null) {
            return inner;
        }
        if (inner.malformed() != null || !outer.code().equals(inner.code())
                || !java.util.Objects.equals(outer.caseNumber(), inner.caseNumber())) {
            return DeclaredPurpose.malformed("two different purposes were sent (header or connection_init, and extensions)");
        }
        return outer;
    }

    @Override
    public int getOrder() {
        return CallerInterceptor.ORDER + 1;
    }
}
