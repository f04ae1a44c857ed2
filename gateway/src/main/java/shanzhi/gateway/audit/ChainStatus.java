package shanzhi.gateway.audit;

/**
 * The verifier's answer: valid, how many records it read, and else the first broken link's
 * sequence number and why. Also the GraphQL type AuditChainStatus.
 */
public record ChainStatus(boolean valid, long records, Long firstBrokenSequence, String reason) {

    static ChainStatus intact(long records) {
        return new ChainStatus(true, records, null, null);
    }

    static ChainStatus broken(long records, long sequence, String reason) {
        return new ChainStatus(false, records, sequence, reason);
    }

    @Override
    public String toString() {
        return valid ? "audit chain valid: " + records + " record(s)"
                : "audit chain BROKEN at sequence " + firstBrokenSequence + ": " + reason + " (" + records
                        + " record(s) read)";
    }
}
