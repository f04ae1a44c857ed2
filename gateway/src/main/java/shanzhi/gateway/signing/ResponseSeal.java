package shanzhi.gateway.signing;

import java.util.Map;
import java.util.Optional;

import org.springframework.graphql.server.WebGraphQlResponse;

import reactor.core.publisher.Mono;

/**
 * The audit record of a signed response, left by the audit stage to the HTTP handler: only the
 * handler holds the response's final bytes (every interceptor has had its say), and the record must
 * name their digest. The handler puts an empty seal into the request's attributes before the
 * request runs, so a response on any other path (graphql-ws, SSE) is never deferred and is audited
 * as always. A deferred record is appended before any byte of the response leaves.
 */
public final class ResponseSeal {
    static final String ATTRIBUTE = ResponseSeal.class.getName();
    private Record deferred;

    /** The audit record of one response, still to be appended. */
    public interface Record {
        /** Appends the record naming the response's digest; its sequence once committed. */
        Mono<Long> append(String responseDigest);

        /** What is sent instead when the record cannot be appended: no data, AUDIT_UNAVAILABLE. */
        WebGraphQlResponse withheld();
    }

    static ResponseSeal placeIn(Map<String, Object> attributes) {
        ResponseSeal seal = new ResponseSeal();
        attributes.put(ATTRIBUTE, seal);
        return seal;
    }

    /** The seal of an HTTP request whose handler seals its response; empty on every other path. */
    public static Optional<ResponseSeal> of(Map<String, Object> attributes) {
        return attributes.get(ATTRIBUTE) instanceof ResponseSeal seal ? Optional.of(seal) : Optional.empty();
    }

    public void defer(Record record) {
        if (deferred != null) {
            throw new IllegalStateException("A response has one audit record");
        }
        deferred = record;
    }

    Record deferred() {
        return deferred;
    }
}
