package shanzhi.gateway.security;

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
 * @masked(as: ..., unmaskedFor: [...]): the value is shown whole to those roles and masked for
 * every other caller. Masking happens here, on the value the store returned, in one place.
 */
@DgsDirective(name = "masked")
public class MaskedDirective implements SchemaDirectiveWiring {

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        var directive = env.getAppliedDirective("masked");
        Set<Role> unmaskedFor = DirectiveArguments.roles(directive, "unmaskedFor");
        Mask mask = Mask.valueOf(DirectiveArguments.string(directive, "as"));
        FieldCoordinates coordinates = FieldCoordinates.coordinates(env.getFieldsContainer(), env.getElement());
        DataFetcher<?> original = env.getCodeRegistry().getDataFetcher(coordinates, env.getElement());
        env.getCodeRegistry().dataFetcher(coordinates, DirectiveFetcher.around(original, fetching -> {
            Object value = original.get(fetching);
            if (Caller.of(fetching).hasAnyRole(unmaskedFor)) {
                return value;
            }
            if (value instanceof CompletionStage<?> pending) {
                return pending.thenApply(resolved -> mask.apply((String) resolved));
            }
            return mask.apply((String) value);
        }));
        return env.getElement();
    }
}
