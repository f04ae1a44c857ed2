package shanzhi.gateway.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import shanzhi.gateway.keys.DetachedJws;
import shanzhi.gateway.keys.SigningKeys;

/**
 * Signed responses: a client listed in {@code shanzhi.evidence.signed-responses.clients} gets, with
 * every HTTP response, a detached JWS over the exact bytes of its body (header
 * {@value #HEADER}), and the response's audit record holds those bytes' sha256. The JWS's protected
 * header names the record's sequence ({@code seq}) and the time of signing ({@code iat}, seconds),
 * so a response shown later is checked twice: against the published key, and against the record.
 * A response that is withheld because its record could not be written is signed too, without a
 * sequence: the client can still prove it was told nothing.
 */
@Component
public class SignedResponses {
    public static final String HEADER = "Shanzhi-Signature";
    public static final String TYPE = "shanzhi-response+jws";
    private static final Logger log = LoggerFactory.getLogger(SignedResponses.class);
    private final Set<String> clients;
    private final SigningKeys keys;
    private final Clock clock = Clock.systemUTC();

    public SignedResponses(SignedResponsesProperties properties, SigningKeys keys) {
        this.clients = Set.copyOf(properties.clients());
        this.keys = keys;
    }

    /**
     * Called by an HTTP handler before the request runs: the audit stage may then leave the
     * response's record to {@link #seal}, which the handler promises to call with the response.
     */
    public ResponseSeal open(Map<String, Object> requestAttributes) {
        return ResponseSeal.placeIn(requestAttributes);
    }

    /** Whether this client's responses are signed. */
    public boolean signs(String client) {
        return client != null && clients.contains(client);
    }

    /**
     * The body to send for {@code result}: its bytes as they are, or, when the audit stage deferred
     * the response's record to this seal, the record appended with the digest of those bytes and
     * then the bytes signed. A record that cannot be appended withholds the data, as everywhere.
     */
    public Mono<SealedBody> seal(Map<String, Object> requestAttributes, WebGraphQlResponse response,
                                 Function<Map<String, Object>, byte[]> encode) {
        ResponseSeal.Record record = ResponseSeal.of(requestAttributes).map(ResponseSeal::deferred).orElse(null);
        byte[] bytes = encode.apply(response.toMap());
        if (record == null) {
            return Mono.just(new SealedBody(response, bytes, null));
        }
        return record.append(sha256(bytes))
                .map(sequence -> new SealedBody(response, bytes, sign(bytes, sequence)))
                .onErrorResume(failure -> {
                    log.error("Audit record of a signed response could not be written; the response is withheld", failure);
                    WebGraphQlResponse withheld = record.withheld();
                    byte[] withheldBytes = encode.apply(withheld.toMap());
                    return Mono.just(new SealedBody(withheld, withheldBytes, sign(withheldBytes, null)));
                });
    }

    private String sign(byte[] body, Long sequence) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (sequence != null) {
            header.put("seq", sequence);
        }
        header.put("iat", clock.instant().getEpochSecond());
        return DetachedJws.sign(keys, TYPE, header, body);
    }

    /** The digest a signed response's audit record holds: lower-case hex sha256 of the body's bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
