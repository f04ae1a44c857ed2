package shanzhi.gateway.witness;

/** A witness could not be written or read: the verifier reports it, the checkpoint writer retries next time. */
public class WitnessUnavailable extends RuntimeException {
    private final String witness;

    public WitnessUnavailable(String witness, Throwable cause) {
        super("Audit witness " + witness + " unavailable: " + cause.getMessage(), cause);
        this.witness = witness;
    }

    public String witness() {
        return witness;
    }
}
