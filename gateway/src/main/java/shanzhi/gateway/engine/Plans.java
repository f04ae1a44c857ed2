package shanzhi.gateway.engine;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.execution.ExecutionContext;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;

import shanzhi.gateway.limits.OperationWeight;

/**
 * Plans by what they depend on: the document (the preparsed-document cache hands out one instance
 * per text, and documents compare by identity), the operation, the variables (they decide
 * {@code @skip}/{@code @include} and the arguments) and the schema its fetchers come from. Not the
 * caller: the rules run in the fetchers, per caller, as they always did.
 */
final class Plans {
    /**
     * @param length the document's text length: a plan holds the document's tree and the normalised
     *               operation, which grow with it (and with inline arguments); not part of equality
     */
    private record Key(Document document, String operation, Map<String, Object> variables, GraphQLSchema schema,
                       int length) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.document == document && java.util.Objects.equals(key.operation, operation)
                    && key.variables.equals(variables) && key.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(document) * 31 + variables.hashCode();
        }
    }

    /**
     * Bounded by weight, not count: an entry holds the document's tree, its normalised operation
     * and the request's variables, which a client may make as large as the limits allow, and
     * 2,000 of those would not fit a 256 MiB heap.
     */
    private final Cache<Key, Planner.Planning> plans = Caffeine.newBuilder()
            .maximumWeight(32L * 1024 * 1024)
            .weigher((Key key, Planner.Planning plan) -> OperationWeight.of(key.length(), key.variables()))
            .build();

    Planner.Planning of(ExecutionContext execution) {
        String query = execution.getExecutionInput().getQuery();
        Key key = new Key(execution.getDocument(), execution.getExecutionInput().getOperationName(),
                execution.getExecutionInput().getVariables(), execution.getGraphQLSchema(), query == null ? 0 : query.length());
        return plans.get(key, ignored -> Planner.plan(execution));
    }
}
