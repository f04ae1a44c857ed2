package shanzhi.gateway.http;

import java.util.List;
import java.util.Map;

import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.util.MultiValueMap;

/**
 * The GraphQL request of a GET, from its URL as the GraphQL-over-HTTP spec says: {@code query},
 * {@code operationName}, and {@code variables} and {@code extensions} as URL-encoded JSON objects.
 * {@code query} may be absent when {@code extensions.persistedQuery} names a stored document.
 *
 * @param body the request as Spring for GraphQL reads a POST body (its document is a marker when
 *             only a persisted-query hash was sent, as PersistedQueryInterceptor expects)
 */
record GetQuery(SerializableGraphQlRequest body) {
    static final String QUERY = "query";
    static final String OPERATION_NAME = "operationName";
    static final String VARIABLES = "variables";
    static final String EXTENSIONS = "extensions";

    static GetQuery of(MultiValueMap<String, String> parameters, JsonCodec json) {
        String query = single(parameters, QUERY);
        String operationName = single(parameters, OPERATION_NAME);
        Map<String, Object> variables = object(VARIABLES, single(parameters, VARIABLES), json);
        Map<String, Object> extensions = object(EXTENSIONS, single(parameters, EXTENSIONS), json);
        if (query == null && extensions.get("persistedQuery") == null) {
            throw new BadGetRequest("The 'query' parameter is missing (or send extensions.persistedQuery with a document's sha256Hash)");
        }
        SerializableGraphQlRequest request = new SerializableGraphQlRequest();
        if (query != null) {
            request.setQuery(query);
        }
        request.setOperationName(operationName == null || operationName.isEmpty() ? null : operationName);
        request.setVariables(variables);
        request.setExtensions(extensions);
        return new GetQuery(request);
    }

    private static String single(MultiValueMap<String, String> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadGetRequest("The '" + name + "' parameter is given more than once");
        }
        return values.get(0);
    }

    /** An absent, empty or {@code null} parameter is an empty map, as in a POST body. */
    private static Map<String, Object> object(String name, String value, JsonCodec json) {
        if (value == null || value.isBlank() || "null".equals(value.strip())) {
            return Map.of();
        }
        try {
            return json.decodeObject(value);
        } catch (IllegalArgumentException e) {
            throw new BadGetRequest("The '" + name + "' parameter must be a URL-encoded JSON object: " + e.getMessage());
        }
    }

    /** The URL does not make a GraphQL request: 400 before anything runs. */
    static final class BadGetRequest extends RuntimeException {
        BadGetRequest(String message) {
            super(message);
        }
    }
}
