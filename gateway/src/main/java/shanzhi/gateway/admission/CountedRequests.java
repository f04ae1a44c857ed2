package shanzhi.gateway.admission;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which requests take a slot: GraphQL queries and mutations over HTTP, POST and GET on the
 * GraphQL path. Not counted: the graphql-ws upgrade and SSE subscriptions, which stay open for as
 * long as the client listens and would take slots from short requests for hours (subscriptions
 * have their own bound, shanzhi.subscriptions.max-per-caller); and everything off the GraphQL path (actuator,
 * GraphiQL, static files, /.well-known), which reads no department store.
 */
final class CountedRequests {
    private static final List<MediaType> PLAIN_ANSWERS = List.of(MediaType.APPLICATION_JSON,
            MediaType.parseMediaType("application/graphql-response+json"));

    private final String path;

    CountedRequests(String path) {
        this.path = path;
    }

    boolean counts(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.POST && method != HttpMethod.GET
                || !path.equals(request.getPath().pathWithinApplication().value())) {
            return false;
        }
        if (method == HttpMethod.GET) {
            return !"websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
        }
        return !eventStream(request.getHeaders());
    }

    /**
     * As Spring for GraphQL routes a POST: to the SSE handler only when the Accept header admits
     * text/event-stream and neither JSON answer (GraphQlRequestPredicates tries the JSON route
     * first, so {@code Accept: text/event-stream, application/json} gets one JSON answer and is
     * counted like any other). An Accept header that does not parse is answered as an error by
     * the router; it is counted, being short.
     */
    private static boolean eventStream(HttpHeaders headers) {
        List<MediaType> accepted;
        try {
            accepted = headers.getAccept();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        if (accepted.isEmpty()) {
            return false;
        }
        boolean stream = false;
        for (MediaType type : accepted) {
            for (MediaType plain : PLAIN_ANSWERS) {
                if (type.isCompatibleWith(plain)) {
                    return false;
                }
            }
            stream |= type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM);
        }
        return stream;
    }
}
