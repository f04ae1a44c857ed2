package shanzhi.gateway.trusted;

/** A document found by its hash, and whether an operator registered it (else: an APQ entry). */
public record StoredDocument(String text, boolean registered) {
}
