package shanzhi.gateway.witness;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The audit chain's head at one moment (its sequence and hash), signed by the replica that read
 * it, after that replica had verified the chain up to it. Witnesses keep copies outside the audit
 * store: whoever controls the audit database can rewrite or shorten the chain there, but not
 * the copies, so the chain must still hold at every witnessed sequence and reach the highest one.
 * The time is in microseconds (as the stores keep it), so a copy read back signs the same message.
 */
public record Checkpoint(long sequence, byte[] hash, Instant takenAt, String keyId, byte[] signature) {
    private static final String DOMAIN = "shanzhi-audit-checkpoint-v1";

    public Checkpoint {
        if (sequence < 0) {
            throw new IllegalArgumentException("A checkpoint's sequence is not negative: " + sequence);
        }
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("A checkpoint's hash is 32 bytes");
        }
        takenAt = takenAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** What is signed: everything the checkpoint says, so no part of it can be changed or moved to another key. */
    public static byte[] message(long sequence, byte[] hash, Instant takenAt, String keyId) {
        return (DOMAIN + "\n" + sequence + "\n" + HexFormat.of().formatHex(hash) + "\n"
                + takenAt.truncatedTo(ChronoUnit.MICROS) + "\n" + keyId).getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] message() {
        return message(sequence, hash, takenAt, keyId);
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    @Override
    public String toString() {
        return "checkpoint " + sequence + " (" + takenAt + ", key " + keyId + ")";
    }
}
