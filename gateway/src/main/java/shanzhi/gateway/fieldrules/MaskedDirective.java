package shanzhi.gateway.fieldrules;

import java.util.Set;
import java.util.concurrent.CompletionStage;

import com.netflix.graphql.dgs.DgsDirective;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import shanzhi.api.Caller;
import shanzhi.api.DistrictTime;
import shanzhi.api.FieldRule;
import shanzhi.api.MaskCondition;
import shanzhi.api.Role;

/**
 * @masked(as: ..., unmaskedFor: [...], onlyFor: ...): the value is shown whole to those roles
 * and masked for every other caller (only where the condition holds for the record, when one is
 * given). Masking happens here, on the value the store returned, in one place.
 */
@DgsDirective(name = "masked")
public class MaskedDirective implements SchemaDirectiveWiring {

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        FieldRule.Masking masking = FieldRule.of(env.getElement()).masking();
        Set<Role> unmaskedFor = masking.unmaskedFor();
        Mask mask = Mask.valueOf(masking.mask());
        MaskCondition condition = masking.onlyFor();
        FieldCoordinates coordinates = FieldCoordinates.coordinates(env.getFieldsContainer(), env.getElement());
        DataFetcher<?> original = env.getCodeRegistry().getDataFetcher(coordinates, env.getElement());
        env.getCodeRegistry().dataFetcher(coordinates, DirectiveFetcher.around(original, fetching -> {
            Object value = original.get(fetching);
            if (Caller.of(fetching).hasAnyRole(unmaskedFor)
                    || condition != null && !condition.holdsFor(fetching.getSource(), DistrictTime.today())) {
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
