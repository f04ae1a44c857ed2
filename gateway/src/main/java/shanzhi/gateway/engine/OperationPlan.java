package shanzhi.gateway.engine;

import java.util.List;

import graphql.schema.GraphQLObjectType;

/** A query's plan: the root type and its planned fields, in the order of the response. */
record OperationPlan(GraphQLObjectType rootType, List<PlannedField> fields) {
}
