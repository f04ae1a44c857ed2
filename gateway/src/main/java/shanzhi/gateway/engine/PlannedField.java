package shanzhi.gateway.engine;

import java.util.List;
import java.util.Map;

import graphql.execution.MergedField;
import graphql.execution.directives.QueryDirectives;
import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.LightDataFetcher;

/**
 * One field of a plan: where its value goes (resultKey), what fetches it (the schema's fetcher,
 * read without an environment when it is a light one), its arguments as resolved once, and the
 * fields selected below it on the object type it leads to (empty for a leaf).
 *
 * @param typename the meta field __typename, answered from the parent's type
 */
record PlannedField(String resultKey, ExecutableNormalizedField normalized, MergedField merged,
                    QueryDirectives directives, GraphQLObjectType parentType, GraphQLFieldDefinition definition,
                    GraphQLOutputType type, DataFetcher<?> fetcher, Map<String, Object> arguments, boolean typename,
                    GraphQLObjectType childType, List<PlannedField> children) {

    boolean light() {
        return fetcher instanceof LightDataFetcher<?>;
    }
}
