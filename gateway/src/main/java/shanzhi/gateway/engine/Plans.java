package shanzhi.gateway.engine;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.execution.ExecutionContext;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;

/**
 * Plans by what they depend on: the document (the preparsed-document cache hands out one instance
 * per text, and documents compare by identity), the operation, the variables (they decide
 * {@code @skip}/{@code @include} and the arguments) and the schema its fetchers come from. Not the
 * caller: the rules run in the fetchers, per caller, as they always did.
 */
final class Plans {
    private record Key(Document document, String operation, Map<String, Object> variables, GraphQLSchema schema) {
    }

    private final Cache<Key, Planner.Planning> plans = Caffeine.newBuilder().maximumSize(2000).build();

    Planner.Planning of(ExecutionContext execution) {
        Key key = new Key(execution.getDocument(), execution.getExecutionInput().getOperationName(),
                execution.getExecutionInput().getVariables(), execution.getGraphQLSchema());
        return plans.get(key, ignored -> Planner.plan(execution));
    }
}
