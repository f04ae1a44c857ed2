package shanzhi.api;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

/**
 * A lookup by a value that some callers only see masked (schema: {@code @confirms(field:)} on the
 * lookup). Without a bound, such a lookup confirms guesses of the hidden part: a partner who sees
 * {@code 440513************} and a birth year could try the few hundred thousand numbers that fit
 * until one finds the person. So for callers who see the field masked, each lookup that finds
 * nobody in their scope costs one miss of a daily budget, and an exhausted budget refuses the
 * lookup (FORBIDDEN, recorded as a refusal) until the next district day. Callers who see the field
 * whole learn nothing from a guess and are not counted. The masking rule is read from the field's
 * own @masked (FieldRule), so the two cannot drift.
 */
public final class ConfirmingLookup {
    public static final String DIRECTIVE = "confirms";

    private ConfirmingLookup() {
    }

    public static <T> Mono<T> guarded(DataFetchingEnvironment env, LookupMisses misses, Mono<T> lookup) {
        GraphQLFieldDefinition field = env.getFieldDefinition();
        GraphQLAppliedDirective confirms = field.getAppliedDirective(DIRECTIVE);
        if (confirms == null) {
            throw new IllegalStateException(field.getName() + " is guarded as a confirming lookup but has no @confirms");
        }
        String confirmed = confirms.getArgument("field").getValue().toString();
        GraphQLObjectType type = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(field.getType());
        GraphQLFieldDefinition hidden = type.getFieldDefinition(confirmed);
        if (hidden == null) {
            throw new IllegalStateException("@confirms(field: \"" + confirmed + "\") on " + field.getName()
                    + ": " + type.getName() + " has no such field");
        }
        Caller caller = Caller.of(env);
        if (!FieldRule.of(hidden).maskedFor(caller)) {
            return lookup;
        }
        String name = field.getName();
        String coordinate = type.getName() + "." + confirmed;
        return misses.charge(caller.subject(), name).flatMap(charge -> {
            if (!charge.within()) {
                return Mono.error(new Forbidden(name + " refused: " + misses.perDay() + " lookups today found nobody in"
                        + " your scope, the daily budget for callers who see " + coordinate + " masked; it renews at"
                        + " midnight China Standard Time", "@confirms(" + coordinate + ") miss budget"));
            }
            return lookup.flatMap(found -> charge.refund().thenReturn(found));
        });
    }
}
