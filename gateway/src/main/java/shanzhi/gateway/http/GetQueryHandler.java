package shanzhi.gateway.http;

import java.util.List;
import java.util.Map;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;
import shanzhi.gateway.signing.SealedBody;
import shanzhi.gateway.signing.SignedResponses;
import shanzhi.api.ErrorCode;

/**
 * GET /graphql?query=..&variables=..&operationName=..&extensions=.. (GraphQL over HTTP): the request
 * goes through the same WebGraphQlHandler as a POST, so every interceptor applies (caller, rate
 * limits, trusted documents, limits, audit, Cache-Control). Queries only (QueriesOnlyOverGet);
 * answers a client may keep carry a strong ETag, and a matching If-None-Match is 304 without a body.
 * A GraphQlHttpHandler for its status rule (400 for a graphql-response+json answer without data).
 */
final class GetQueryHandler extends GraphQlHttpHandler {
    private final WebGraphQlHandler graphQl;
    private final JsonCodec json;
    private final SignedResponses signed;

    GetQueryHandler(WebGraphQlHandler graphQl, SignedResponses signed, JsonCodec json) {
        super(graphQl);
        this.graphQl = graphQl;
        this.signed = signed;
        this.json = json;
    }

    Mono<ServerResponse> handleGet(ServerRequest request) {
        MediaType mediaType;
        GetQuery query;
        try {
            mediaType = ResponseMediaType.of(request);
            query = GetQuery.of(request.queryParams(), json);
        } catch (GetQuery.BadGetRequest | InvalidMediaTypeException e) {
            return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .headers(headers -> headers.setCacheControl(CacheControlInterceptor.NO_STORE))
                    .bodyValue(json.encode(Map.of("errors", List.of(Map.of("message", e.getMessage(),
                            "extensions", Map.of("code", ErrorCode.BAD_REQUEST.name()))))));
        }
        GetRequest get = new GetRequest();
        request.attributes().put(GetRequest.ATTRIBUTE, get);
        signed.open(request.attributes());
        WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
                request.cookies(), request.remoteAddress().orElse(null), request.attributes(), query.body(),
                request.exchange().getRequest().getId(), request.exchange().getLocaleContext().getLocale());
        return graphQl.handleRequest(graphQlRequest)
                .flatMap(response -> signed.seal(request.attributes(), response, json::encode))
                .flatMap(sealed -> respond(request, get, sealed, mediaType));
    }

    private Mono<ServerResponse> respond(ServerRequest request, GetRequest get, SealedBody sealed, MediaType mediaType) {
        byte[] body = sealed.bytes();
        if (get.methodNotAllowed()) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).headers(sealed::writeHeaders)
                    .allow(HttpMethod.POST).contentType(mediaType).bodyValue(body);
        }
        HttpStatus status = selectResponseStatus(sealed.response(), mediaType);
        String cacheControl = sealed.response().getResponseHeaders().getCacheControl();
        if (status != HttpStatus.OK || cacheControl == null || cacheControl.contains("no-store")) {
            return ServerResponse.status(status).headers(sealed::writeHeaders).contentType(mediaType).bodyValue(body);
        }
        EntityTag tag = EntityTag.of(body);
        if (tag.matchesAnyOf(request.headers().header(HttpHeaders.IF_NONE_MATCH))) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED).headers(sealed::writeHeaders).eTag(tag.value()).build();
        }
        return ServerResponse.ok().headers(sealed::writeHeaders).eTag(tag.value()).contentType(mediaType).bodyValue(body);
    }
}
