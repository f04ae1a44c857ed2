package shanzhi.gateway.http;

import java.util.List;

import org.springframework.graphql.MediaTypes;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;

/** As Spring for GraphQL chooses it: the first supported type the client accepts, else application/json. */
final class ResponseMediaType {
    private static final List<MediaType> SUPPORTED = List.of(MediaTypes.APPLICATION_GRAPHQL_RESPONSE,
            MediaType.APPLICATION_JSON, new MediaType("application", "graphql+json"));

    private ResponseMediaType() {
    }

    /** An unparsable Accept header is an InvalidMediaTypeException. */
    static MediaType of(ServerRequest request) {
        for (MediaType accepted : request.headers().accept()) {
            if (SUPPORTED.contains(accepted)) {
                return accepted;
            }
        }
        return MediaType.APPLICATION_JSON;
    }
}
