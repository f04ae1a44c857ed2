package shanzhi.api;

import java.util.Collection;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLInputObjectType;

/**
 * Enforces @restrictedValues on an input field (declared in the schema): filtering on a
 * restricted value would tell a caller who carries it, so it is FORBIDDEN to callers that
 * may not see the value.
 */
public final class RestrictedValues {
    private RestrictedValues() {
    }

    public static void check(DataFetchingEnvironment env, String inputType, String field, Object value) {
        if (value == null) {
            return;
        }
        GraphQLInputObjectType type = (GraphQLInputObjectType) env.getGraphQLSchema().getType(inputType);
        GraphQLAppliedDirective rule = type.getField(field).getAppliedDirective("restrictedValues");
        if (rule == null) {
            return;
        }
        Collection<?> values = (Collection<?>) rule.getArgument("values").getValue();
        if (!values.contains(value.toString())) {
            return;
        }
        Caller caller = Caller.of(env);
        boolean allowed = ((Collection<?>) rule.getArgument("visibleTo").getValue()).stream()
                .anyMatch(role -> caller.has(Role.valueOf(role.toString())));
        if (!allowed) {
            throw new Forbidden(inputType + "." + field + " " + value + " is only for " + rule.getArgument("visibleTo").getValue(),
                    "@restrictedValues(" + inputType + "." + field + ")");
        }
    }
}
