package shanzhi.gateway.limits;

import java.util.ArrayList;
import java.util.List;

/** The measures of one operation as it would execute, taken before any field is fetched. */
public record OperationShape(int depth, int aliases, int rootFields, long cost) {

    /** Every limit this shape goes over, so that a client learns all of them at once. */
    public List<LimitExceeded> exceeded(LimitsProperties limits) {
        List<LimitExceeded> exceeded = new ArrayList<>();
        if (depth > limits.maxDepth()) {
            exceeded.add(new LimitExceeded(Limit.DEPTH, depth, limits.maxDepth()));
        }
        if (aliases > limits.maxAliases()) {
            exceeded.add(new LimitExceeded(Limit.ALIASES, aliases, limits.maxAliases()));
        }
        if (rootFields > limits.maxRootFields()) {
            exceeded.add(new LimitExceeded(Limit.ROOT_FIELDS, rootFields, limits.maxRootFields()));
        }
        if (cost > limits.maxCost()) {
            exceeded.add(new LimitExceeded(Limit.COST, cost, limits.maxCost()));
        }
        return exceeded;
    }
}
