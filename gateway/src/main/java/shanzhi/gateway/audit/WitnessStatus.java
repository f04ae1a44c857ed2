package shanzhi.gateway.audit;

/**
 * One witness as the verifier found it: whether it could be read, how many of its checkpoints it
 * compared, the highest one, and whether the chain agrees with all of them; {@code problem} says
 * what disagrees (a checkpoint the chain does not reach or no longer matches, a copy whose
 * signature does not verify, the witness unreadable). Also the GraphQL type AuditWitnessStatus.
 */
public record WitnessStatus(String name, boolean available, int checkpoints, Long latestSequence, boolean agrees,
                            String problem) {

    @Override
    public String toString() {
        return name + (agrees ? " agrees" : " DISAGREES") + (latestSequence == null ? "" : " (latest " + latestSequence + ")")
                + (problem == null ? "" : ": " + problem);
    }
}
