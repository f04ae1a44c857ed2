package shanzhi.gateway.fieldrules;

import com.netflix.graphql.dgs.DgsDirective;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import shanzhi.api.FieldRule;
import shanzhi.api.Generalisation;

/**
 * @generalised(to: ..., field: "...") on a field: the sibling field is answered with the
 * generalisation of this field's value, read from the record itself (not through this field's
 * fetcher, which @allow may guard). Who sees the whole value is @allow's business; what filters
 * may ask of it, FilterRules'.
 */
@DgsDirective(name = "generalised")
public class GeneralisedDirective implements SchemaDirectiveWiring {

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        FieldRule.Generalised rule = FieldRule.of(env.getElement()).generalised();
        FieldCoordinates target = FieldCoordinates.coordinates(env.getFieldsContainer().getName(), rule.field());
        if (env.getFieldsContainer().getFieldDefinition(rule.field()) == null) {
            throw new IllegalStateException("@generalised on " + env.getFieldsContainer().getName() + "."
                    + env.getElement().getName() + " names no field " + rule.field());
        }
        env.getCodeRegistry().dataFetcher(target,
                new Coarse(PropertyDataFetcher.fetching(env.getElement().getName()), rule.to()));
        return env.getElement();
    }

    /** Reads the source's property and generalises it: as trivial as the property read itself. */
    private record Coarse(DataFetcher<?> whole, Generalisation to) implements TrivialDataFetcher<Object> {
        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return to.apply(whole.get(environment));
        }
    }
}
