package shanzhi.gateway.witness;

import java.util.List;

/**
 * A keeper of checkpoint copies whose storage the audit store's owner does not control: a
 * department's database, a directory (ideally write-once storage). Append-only. Calls block
 * (JDBC, files): callers run them off the event loop.
 */
public interface Witness {

    /** Names the witness in verification reports and health: "people", "directory". */
    String name();

    void record(Checkpoint checkpoint);

    /** The copies with a sequence at or above {@code fromSequence}, in sequence order. */
    List<Checkpoint> checkpointsFrom(long fromSequence);

    /** The {@code limit} copies with the highest sequences, highest first. */
    List<Checkpoint> newest(int limit);
}
