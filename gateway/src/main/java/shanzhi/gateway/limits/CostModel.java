package shanzhi.gateway.limits;

import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * The cost estimate: every field costs 1, plus the cost of its selections times the number of
 * elements it is expected to return. That number is the connection's page size for the `edges`
 * of a Relay connection (`first`, 20 when not given), an assumed size for any other list, and 1
 * for a single object. The estimate therefore follows the rows a request can make the stores
 * read, whatever the batching does with them.
 */
final class CostModel {
    /** The contract's page size when `first` is not given (or given as null). */
    static final int DEFAULT_PAGE_SIZE = 20;
    /** The contract's largest page; a larger `first` is BAD_USER_INPUT and reads nothing. */
    static final int MAX_PAGE_SIZE = 100;

    private final int assumedListSize;

    CostModel(int assumedListSize) {
        this.assumedListSize = assumedListSize;
    }

    /** Cost of a field whose selections cost {@code selections} in all. */
    long cost(ExecutableNormalizedField field, GraphQLSchema schema, long selections) {
        return Saturating.add(1, Saturating.multiply(elements(field, schema), selections));
    }

    private long elements(ExecutableNormalizedField field, GraphQLSchema schema) {
        if (!GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(field.getType(schema)))) {
            return 1;
        }
        ExecutableNormalizedField parent = field.getParent();
        if (parent != null && isConnection(parent.getType(schema))) {
            return pageSize(parent.getResolvedArguments().get("first"));
        }
        return assumedListSize;
    }

    private static boolean isConnection(GraphQLType type) {
        return GraphQLTypeUtil.unwrapAll(type).getName().endsWith("Connection");
    }

    private static long pageSize(Object first) {
        if (!(first instanceof Number number)) {
            return DEFAULT_PAGE_SIZE;
        }
        // Out of range is refused by the field itself before any statement; count what could be read.
        return Math.max(0, Math.min(MAX_PAGE_SIZE, number.longValue()));
    }
}
