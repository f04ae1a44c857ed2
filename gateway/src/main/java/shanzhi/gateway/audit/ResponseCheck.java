package shanzhi.gateway.audit;

import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

import shanzhi.gateway.keys.DetachedJws;
import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.signing.SignedResponses;

/**
 * Checks a signed response shown later (its body's exact bytes and its Shanzhi-Signature) twice:
 * the JWS against the evidence keys, and the digest of the bytes against the audit record the JWS
 * names. Either alone can be forged by someone; together they need a signing key and the trail.
 */
record ResponseCheck(boolean valid, String verdict) {

    /** {@code records}: the verified trail's record by sequence, empty when it holds no such record. */
    static ResponseCheck of(SigningKeys keys, byte[] body, String jws, LongFunction<Optional<AuditEntry>> records) {
        Optional<Map<String, Object>> header = DetachedJws.verify(keys, jws, body);
        if (header.isEmpty()) {
            return new ResponseCheck(false, "response: signature does NOT verify over these bytes with any trusted key");
        }
        String signed = "response: signed by key " + header.get().get("kid");
        if (!(header.get().get("seq") instanceof Number sequence)) {
            return new ResponseCheck(true, signed + "; names no audit record (it was withheld: the trail could not be written)");
        }
        Optional<AuditEntry> record = records.apply(sequence.longValue());
        if (record.isEmpty()) {
            return new ResponseCheck(false, signed + "; its audit record " + sequence + " is NOT in the verified segment");
        }
        String digest = SignedResponses.sha256(body);
        return digest.equals(record.get().responseDigest())
                ? new ResponseCheck(true, signed + "; audit record " + sequence + " holds its digest " + digest)
                : new ResponseCheck(false, signed + "; audit record " + sequence + " does NOT hold its digest " + digest
                + " (it holds " + record.get().responseDigest() + ")");
    }
}
