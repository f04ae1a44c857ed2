package shanzhi.gateway.limits;

import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLSchema;

/**
 * Takes the measures of an operation from graphql-java's normalized operation: the fields as
 * they will execute, with fragments expanded at every place they are spread, fields of the same
 * response key merged, @skip/@include applied and arguments resolved against the variables.
 * (graphql.analysis.QueryTraverser is not used: it walks a fragment's selections only at its
 * first spread, so spreading an expensive fragment twice would count once.)
 *
 * Introspection (__typename, and everything under __schema and __type) adds to no measure but
 * the aliases: it reads no store, and graphql-java's good-faith introspection check already bounds
 * its size. Counting it would refuse GraphiQL's own schema query, whose type references nest
 * deeper than any data query needs to.
 */
final class ShapeMeasure {
    private final GraphQLSchema schema;
    private final CostModel costModel;
    private int depth;
    private int aliases;

    private ShapeMeasure(GraphQLSchema schema, CostModel costModel) {
        this.schema = schema;
        this.costModel = costModel;
    }

    static OperationShape of(ExecutableNormalizedOperation operation, GraphQLSchema schema, CostModel costModel) {
        ShapeMeasure measure = new ShapeMeasure(schema, costModel);
        int rootFields = 0;
        long cost = 0;
        for (ExecutableNormalizedField field : operation.getTopLevelFields()) {
            long fieldCost = measure.cost(field);
            if (!isIntrospection(field)) {
                rootFields++;
                cost = Saturating.add(cost, fieldCost);
            }
        }
        return new OperationShape(measure.depth, measure.aliases, rootFields, cost);
    }

    /** The field's cost; on the way, the depth and aliases of it and all below it. */
    private long cost(ExecutableNormalizedField field) {
        if (field.getAlias() != null) {
            aliases++;
        }
        if (isIntrospection(field)) {
            field.getChildren().forEach(child -> child.traverseSubTree(this::countAlias));
            return 0;
        }
        depth = Math.max(depth, field.getLevel());
        long selections = 0;
        for (ExecutableNormalizedField child : field.getChildren()) {
            selections = Saturating.add(selections, cost(child));
        }
        return costModel.cost(field, schema, selections);
    }

    private void countAlias(ExecutableNormalizedField field) {
        if (field.getAlias() != null) {
            aliases++;
        }
    }

    private static boolean isIntrospection(ExecutableNormalizedField field) {
        return field.getName().startsWith("__");
    }
}
