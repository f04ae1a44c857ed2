package shanzhi.gateway.audit;

/**
 * One stored record as the verifier reads it, from the audit store or from an export: its
 * position, its content (or why the stored fields do not make one), the hashes and the signature
 * as stored, and whether its arrays are in their canonical shape.
 */
record ChainRecord(long sequence, AuditEntry entry, String malformed, byte[] contentHash, byte[] prevHash, byte[] hash,
                   String keyId, byte[] signature, boolean canonical) {
}
