package shanzhi.gateway.signing;

import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;

/**
 * What an HTTP response is sent as: the GraphQL response (the one that ran, or the one withheld
 * for want of an audit record), its body's bytes and, for a signed client, the JWS over exactly
 * those bytes (else null).
 */
public record SealedBody(WebGraphQlResponse response, byte[] bytes, String signature) {

    /** The response's own headers, and the signature's. */
    public void writeHeaders(HttpHeaders headers) {
        headers.putAll(response.getResponseHeaders());
        if (signature != null) {
            headers.set(SignedResponses.HEADER, signature);
        }
    }
}
