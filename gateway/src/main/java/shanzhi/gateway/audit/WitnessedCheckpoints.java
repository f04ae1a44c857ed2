package shanzhi.gateway.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.witness.Checkpoint;
import shanzhi.gateway.witness.Witness;
import shanzhi.gateway.witness.WitnessUnavailable;
import shanzhi.gateway.witness.Witnesses;

/**
 * The witnesses' checkpoints from one sequence on, as one verification reads them: only copies
 * whose signature verifies with a trusted key count as evidence (a copy that does not is
 * reported against its witness, never held against the chain), indexed by sequence so the walk
 * compares each record with every copy taken at it. Read before the chain's snapshot, so every
 * copy read describes records the snapshot holds.
 */
final class WitnessedCheckpoints {
    private final TreeMap<Long, List<Held>> bySequence = new TreeMap<>();
    private final Map<String, State> states = new LinkedHashMap<>();

    private WitnessedCheckpoints() {
    }

    static WitnessedCheckpoints read(Witnesses witnesses, SigningKeys keys, long fromSequence) {
        WitnessedCheckpoints read = new WitnessedCheckpoints();
        for (Witness witness : witnesses.all()) {
            State state = new State(witness.name());
            read.states.put(witness.name(), state);
            List<Checkpoint> copies;
            try {
                copies = witness.checkpointsFrom(fromSequence);
            } catch (WitnessUnavailable unavailable) {
                state.unavailable(unavailable.getCause() == null ? unavailable.getMessage()
                        : unavailable.getCause().getMessage());
                continue;
            }
            read.add(state, copies, keys);
        }
        return read;
    }

    /** Copies handed over with an export: witness name to its copies. */
    static WitnessedCheckpoints of(Map<String, List<Checkpoint>> copiesByWitness, SigningKeys keys) {
        WitnessedCheckpoints read = new WitnessedCheckpoints();
        copiesByWitness.forEach((name, copies) -> {
            State state = new State(name);
            read.states.put(name, state);
            read.add(state, copies, keys);
        });
        return read;
    }

    private void add(State state, List<Checkpoint> copies, SigningKeys keys) {
        for (Checkpoint copy : copies) {
            if (!keys.knows(copy.keyId()) || !keys.verify(copy.keyId(), copy.message(), copy.signature())) {
                state.disagree("its checkpoint at " + copy.sequence() + " does not verify with a trusted key "
                        + "(forged or damaged; not used as evidence)");
                continue;
            }
            state.compared++;
            state.latest = state.latest == null ? copy.sequence() : Math.max(state.latest, copy.sequence());
            bySequence.computeIfAbsent(copy.sequence(), sequence -> new ArrayList<>()).add(new Held(state, copy));
        }
    }

    /** The newest trusted checkpoint any witness holds, if any. */
    static Checkpoint newestTrusted(Witnesses witnesses, SigningKeys keys) {
        Checkpoint newest = null;
        for (Witness witness : witnesses.all()) {
            try {
                for (Checkpoint copy : witness.newest(8)) {
                    if (keys.knows(copy.keyId()) && keys.verify(copy.keyId(), copy.message(), copy.signature())) {
                        if (newest == null || copy.sequence() > newest.sequence()) {
                            newest = copy;
                        }
                        break;
                    }
                }
            } catch (WitnessUnavailable unavailable) {
                // another witness, or the full walk, will do
            }
        }
        return newest;
    }

    /**
     * Compares the record at {@code sequence} with every copy taken there; the witnesses that
     * disagree, empty when all agree (or none was taken there).
     */
    List<Checkpoint> disagreeingAt(long sequence, byte[] hash, List<String> names) {
        List<Checkpoint> disagreeing = new ArrayList<>();
        for (Held held : bySequence.getOrDefault(sequence, List.of())) {
            if (!Arrays.equals(held.copy().hash(), hash)) {
                held.state().disagree("its checkpoint at " + sequence + " (taken " + held.copy().takenAt()
                        + ") has another hash than the chain's record " + sequence);
                names.add(held.state().name);
                disagreeing.add(held.copy());
            }
        }
        return disagreeing;
    }

    Optional<Long> highestWitnessedAtOrBelow(long sequence) {
        return Optional.ofNullable(bySequence.floorKey(sequence));
    }

    boolean witnessedAt(long sequence) {
        return bySequence.containsKey(sequence);
    }

    /**
     * The copies taken beyond the chain's last record: each witness holding one disagrees (the
     * records it saw are gone). The highest such copy, or null.
     */
    Checkpoint beyond(long lastSequence, List<String> names) {
        Checkpoint highest = null;
        for (List<Held> held : bySequence.tailMap(lastSequence, false).values()) {
            for (Held one : held) {
                if (!names.contains(one.state().name)) {
                    names.add(one.state().name);
                }
                one.state().disagree("it holds a checkpoint at " + one.copy().sequence() + " (taken "
                        + one.copy().takenAt() + ") but the chain ends at record " + lastSequence);
                if (highest == null || one.copy().sequence() > highest.sequence()) {
                    highest = one.copy();
                }
            }
        }
        return highest;
    }

    List<WitnessStatus> statuses() {
        return states.values().stream().map(State::status).toList();
    }

    private record Held(State state, Checkpoint copy) {
    }

    private static final class State {
        private final String name;
        private boolean available = true;
        private int compared;
        private Long latest;
        private String problem;

        State(String name) {
            this.name = name;
        }

        void unavailable(String why) {
            available = false;
            problem = "unreadable: " + why;
        }

        void disagree(String why) {
            if (problem == null) {
                problem = why;
            }
        }

        WitnessStatus status() {
            return new WitnessStatus(name, available, compared, latest, available && problem == null, problem);
        }
    }
}
