package shanzhi.gateway.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.witness.Checkpoint;

/**
 * The rules a chain of records must keep, checked one record at a time in sequence order: one
 * place for them, walked over the audit store (ChainVerifier) and over an exported segment
 * (OfflineVerifier). Each record must follow the last without a gap, link to its hash, keep its
 * arrays canonical, match its content hash, carry a signature by a trusted key once signing
 * began, and have the hash every witness saw at its sequence.
 */
final class ChainWalk {
    private final SigningKeys keys;
    private final WitnessedCheckpoints witnessed;
    private final Long headSequence;
    private long expected;
    private byte[] previous;
    private long lastAgreed;
    private boolean signedSeen;
    private final List<String> disagreeing = new ArrayList<>();

    /**
     * Starts after the record {@code fromSequence} whose hash is {@code fromHash} (0 and the genesis
     * hash for the first record); {@code signedBefore}: whether that record was signed.
     * {@code headSequence}: the store's chain head, when there is one (not in an export).
     */
    ChainWalk(long fromSequence, byte[] fromHash, boolean signedBefore, SigningKeys keys, WitnessedCheckpoints witnessed,
              Long headSequence) {
        this.keys = keys;
        this.witnessed = witnessed;
        this.headSequence = headSequence;
        this.expected = fromSequence + 1;
        this.previous = fromHash;
        this.lastAgreed = fromSequence;
        this.signedSeen = signedBefore;
    }

    /** Before the first record: the starting point against the copies taken there. */
    Optional<ChainStatus> start() {
        long from = expected - 1;
        if (!witnessed.disagreeingAt(from, previous, disagreeing).isEmpty()) {
            return Optional.of(ChainStatus.broken(from, Math.max(1, from), "record " + from
                    + " does not have the hash witnessed by " + String.join(", ", disagreeing)));
        }
        return Optional.empty();
    }

    /** The next record; the broken link it is, if it is one. */
    Optional<ChainStatus> next(ChainRecord record) {
        long sequence = record.sequence();
        long read = expected - 1;
        if (sequence != expected) {
            return broken(read, expected, "record " + expected + " is missing (the next is " + sequence + ")");
        }
        if (headSequence != null && sequence > headSequence) {
            return broken(read, sequence, "record " + sequence + " lies beyond the chain head (" + headSequence
                    + "): a row planted without the chain's trigger, which blocks every append until it is "
                    + "moved aside (README, \"Repairing a blocked trail\")");
        }
        if (!Arrays.equals(record.prevHash(), previous)) {
            return broken(read, sequence, "prev_hash is not the hash of record " + (sequence - 1));
        }
        if (!record.canonical()) {
            return broken(read, sequence, "an array of the record is not in its canonical shape "
                    + "(one dimension, lower bound 1, no NULL): SQL would read it otherwise than the digest");
        }
        if (record.malformed() != null) {
            return broken(read, sequence, "the record's fields are malformed: " + record.malformed());
        }
        byte[] content;
        try {
            content = RecordDigest.contentHash(record.entry());
        } catch (RuntimeException malformed) {
            return broken(read, sequence, "the record's fields are malformed: " + malformed);
        }
        if (!Arrays.equals(record.contentHash(), content)) {
            return broken(read, sequence, "the record's fields do not match its content hash");
        }
        String keyId = record.keyId();
        if (keyId == null && signedSeen) {
            return broken(read, sequence, "the record is unsigned, after signed records");
        }
        if (keyId != null) {
            if (!keys.knows(keyId)) {
                return broken(read, sequence, "the record is signed by an unknown key " + keyId);
            }
            if (record.signature() == null
                    || !keys.verify(keyId, RecordSignature.message(content, keyId), record.signature())) {
                return broken(read, sequence, "the record's signature does not verify with key " + keyId);
            }
            signedSeen = true;
        }
        if (!Arrays.equals(record.hash(), RecordDigest.link(previous, sequence, content))) {
            return broken(read, sequence, "hash mismatch: it does not follow from prev_hash, sequence and content");
        }
        if (!witnessed.disagreeingAt(sequence, record.hash(), disagreeing).isEmpty()) {
            // Re-linked consistently (with a signing key): only the witnesses see it, and only that
            // something after the last copy that still agrees was rewritten.
            return broken(lastAgreed, lastAgreed + 1, "records " + (lastAgreed + 1) + " to " + sequence
                    + " were rewritten: record " + sequence + " does not have the hash witnessed by "
                    + String.join(", ", disagreeing));
        }
        if (witnessed.witnessedAt(sequence)) {
            lastAgreed = sequence;
        }
        previous = record.hash();
        expected++;
        return Optional.empty();
    }

    /** The copies taken beyond the last record read: records a witness saw that are gone. */
    Optional<ChainStatus> nothingWitnessedBeyond() {
        long records = lastSequence();
        Checkpoint beyond = witnessed.beyond(records, disagreeing);
        if (beyond == null) {
            return Optional.empty();
        }
        return broken(records, records + 1, (records == 0 ? "the trail is empty" : "the chain ends at record " + records)
                + " but " + String.join(", ", disagreeing) + " witnessed record " + beyond.sequence() + " ("
                + beyond.takenAt() + "): records " + (records + 1) + " to " + beyond.sequence()
                + " were removed and the chain cut back");
    }

    /** The sequence of the last record that kept every rule. */
    long lastSequence() {
        return expected - 1;
    }

    /** The hash of that record. */
    byte[] lastHash() {
        return previous;
    }

    /** The highest sequence at which a witness's copy agreed (the starting point if none). */
    long lastWitnessed() {
        return lastAgreed;
    }

    private static Optional<ChainStatus> broken(long records, long sequence, String reason) {
        return Optional.of(ChainStatus.broken(records, sequence, reason));
    }
}
