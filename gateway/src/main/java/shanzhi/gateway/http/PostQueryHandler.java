package shanzhi.gateway.http;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.NotAcceptableStatusException;

import reactor.core.publisher.Mono;
import shanzhi.gateway.signing.SignedResponses;

/**
 * Spring for GraphQL's POST handler, with the body encoded here rather than by the response
 * writer, so that a signed response's signature and audit digest cover exactly the bytes sent
 * (SignedResponses). Media type and status as Spring chooses them.
 */
final class PostQueryHandler extends GraphQlHttpHandler {
    private final SignedResponses signed;
    private final JsonCodec json;

    PostQueryHandler(WebGraphQlHandler graphQl, SignedResponses signed, JsonCodec json) {
        super(graphQl);
        this.signed = signed;
        this.json = json;
    }

    @Override
    public Mono<ServerResponse> handleRequest(ServerRequest request) {
        signed.open(request.attributes());
        return super.handleRequest(request);
    }

    @Override
    protected Mono<ServerResponse> prepareResponse(ServerRequest request, WebGraphQlResponse response) {
        MediaType mediaType;
        try {
            mediaType = ResponseMediaType.of(request);
        } catch (InvalidMediaTypeException e) {
            return Mono.error(new NotAcceptableStatusException("Could not parse Accept header ["
                    + request.headers().firstHeader(HttpHeaders.ACCEPT) + "]: " + e.getMessage()));
        }
        return signed.seal(request.attributes(), response, json::encode).flatMap(body ->
                ServerResponse.status(selectResponseStatus(body.response(), mediaType))
                        .headers(body::writeHeaders)
                        .contentType(mediaType)
                        .bodyValue(body.bytes()));
    }
}
