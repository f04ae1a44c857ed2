package shanzhi.gateway.http;

import org.springframework.graphql.server.WebGraphQlRequest;

/**
 * Marks a GraphQL request that came as an HTTP GET (in its attributes), and carries back whether
 * QueriesOnlyOverGet refused its operation, which GetQueryHandler answers with 405.
 */
final class GetRequest {
    static final String ATTRIBUTE = GetRequest.class.getName();
    private volatile boolean methodNotAllowed;

    static GetRequest of(WebGraphQlRequest request) {
        return request.getAttributes().get(ATTRIBUTE) instanceof GetRequest get ? get : null;
    }

    void refuseMethod() {
        methodNotAllowed = true;
    }

    boolean methodNotAllowed() {
        return methodNotAllowed;
    }
}
