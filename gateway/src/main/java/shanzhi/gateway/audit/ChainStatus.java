package shanzhi.gateway.audit;

import java.util.List;

/**
 * The verifier's answer: valid, how many records the chain holds up to the last good one, and
 * else the first broken link's sequence number and why; where the walk started (0: from the
 * first record; else the verified checkpoint it resumed from) and what each witness said.
 * Also the GraphQL type AuditChainStatus.
 */
public record ChainStatus(boolean valid, long records, Long firstBrokenSequence, String reason, long verifiedFrom,
                          List<WitnessStatus> witnesses) {

    public ChainStatus {
        witnesses = List.copyOf(witnesses);
    }

    /** A status read without witnesses, from the first record. */
    public ChainStatus(boolean valid, long records, Long firstBrokenSequence, String reason) {
        this(valid, records, firstBrokenSequence, reason, 0, List.of());
    }

    static ChainStatus intact(long records) {
        return new ChainStatus(true, records, null, null);
    }

    static ChainStatus broken(long records, long sequence, String reason) {
        return new ChainStatus(false, records, sequence, reason);
    }

    ChainStatus from(long sequence, List<WitnessStatus> witnessed) {
        return new ChainStatus(valid, records, firstBrokenSequence, reason, sequence, witnessed);
    }

    @Override
    public String toString() {
        String walk = verifiedFrom == 0 ? "" : " (verified from checkpoint " + verifiedFrom + ")";
        String said = witnesses.isEmpty() ? "" : "; witnesses: " + String.join(", ",
                witnesses.stream().map(WitnessStatus::toString).toList());
        return (valid ? "audit chain valid: " + records + " record(s)"
                : "audit chain BROKEN at sequence " + firstBrokenSequence + ": " + reason + " (" + records
                        + " record(s) read)") + walk + said;
    }
}
