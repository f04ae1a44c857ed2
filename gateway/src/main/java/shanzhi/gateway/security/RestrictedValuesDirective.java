package shanzhi.gateway.security;

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
import shanzhi.api.Role;

/**
 * @restrictedValues(values: [...], visibleTo: [...]) on a list field: the listed values are left
 * out for callers without the roles, as if the record did not carry them. (On an input field the
 * same directive is enforced where the filter is read: see shanzhi.api.RestrictedValues.)
 */
@DgsDirective(name = "restrictedValues")
public class RestrictedValuesDirective implements SchemaDirectiveWiring {

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        var directive = env.getAppliedDirective("restrictedValues");
        Set<String> values = DirectiveArguments.strings(directive, "values");
        Set<Role> visibleTo = DirectiveArguments.roles(directive, "visibleTo");
        FieldCoordinates coordinates = FieldCoordinates.coordinates(env.getFieldsContainer(), env.getElement());
        DataFetcher<?> original = env.getCodeRegistry().getDataFetcher(coordinates, env.getElement());
        env.getCodeRegistry().dataFetcher(coordinates, DirectiveFetcher.around(original, fetching -> {
            Object value = original.get(fetching);
            if (Caller.of(fetching).hasAnyRole(visibleTo)) {
                return value;
            }
            if (value instanceof CompletionStage<?> pending) {
                return pending.thenApply(resolved -> without(resolved, values));
            }
            return without(value, values);
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
