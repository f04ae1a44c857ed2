package shanzhi.gateway.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.limits.*: what one request may cost. The defaults let the dashboards of the README and
 * of the API tests through (the largest, 3 villages x 100 residents with five nested lists each,
 * costs 25,517) and refuse fan-outs such as residents' households' members' disputes' parties'
 * incidents (390,803 at first: 100).
 *
 * @param maxDepth         deepest field nesting, counting edges and node levels of connections
 * @param maxAliases       aliased fields in the operation as executed (fragments counted per use)
 * @param maxRootFields    fields directly under query or mutation
 * @param maxCost          budget of the cost estimate (see {@link CostModel})
 * @param assumedListSize  elements the cost estimate assumes for a plain list (members, parties, ...)
 * @param maxDocumentBytes size of the GraphQL document in UTF-8 bytes, checked before it is parsed
 * @param requestTimeout   time a request may run; then it is cancelled and answered with an error
 */
@ConfigurationProperties("shanzhi.limits")
public record LimitsProperties(
        @DefaultValue("12") int maxDepth,
        @DefaultValue("30") int maxAliases,
        @DefaultValue("10") int maxRootFields,
        @DefaultValue("50000") long maxCost,
        @DefaultValue("5") int assumedListSize,
        @DefaultValue("16384") int maxDocumentBytes,
        @DefaultValue("10s") Duration requestTimeout) {
}
