package shanzhi.gateway.fieldrules;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import com.netflix.graphql.dgs.DgsDirective;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import shanzhi.api.Caller;
import shanzhi.api.FieldRule;

/**
 * @restrictedValues(values: [...], visibleTo: [...]) on a list field, repeatable: the listed
 * values are left out for callers without the roles, as if the record did not carry them. A
 * filter that follows the field (@filters) refuses the same values: see shanzhi.api.FilterRules.
 */
@DgsDirective(name = "restrictedValues")
public class RestrictedValuesDirective implements SchemaDirectiveWiring {

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        FieldCoordinates coordinates = FieldCoordinates.coordinates(env.getFieldsContainer(), env.getElement());
        // Called once per occurrence of the directive; one fetcher applies all of them.
        if (env.getBuildContext().putIfAbsent("restrictedValues " + coordinates, Boolean.TRUE) != null) {
            return env.getElement();
        }
        FieldRule rule = FieldRule.of(env.getElement());
        DataFetcher<?> original = env.getCodeRegistry().getDataFetcher(coordinates, env.getElement());
        env.getCodeRegistry().dataFetcher(coordinates, DirectiveFetcher.around(original, fetching -> {
            Object value = original.get(fetching);
            Set<String> hidden = rule.hiddenFrom(Caller.of(fetching));
            if (hidden.isEmpty()) {
                return value;
            }
            if (value instanceof CompletionStage<?> pending) {
                return pending.thenApply(resolved -> without(resolved, hidden));
            }
            return without(value, hidden);
        }));
        return env.getElement();
    }

    private static Object without(Object list, Set<String> hidden) {
        if (!(list instanceof Collection<?> items)) {
            return list;
        }
        return items.stream().filter(item -> !hidden.contains(String.valueOf(item))).toList();
    }
}
