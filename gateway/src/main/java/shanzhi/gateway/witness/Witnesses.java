package shanzhi.gateway.witness;

import java.util.List;

/** Every witness this deployment writes checkpoints to and verifies the chain against. */
public record Witnesses(List<Witness> all) {
    public Witnesses {
        all = List.copyOf(all);
    }

    public static Witnesses none() {
        return new Witnesses(List.of());
    }
}
