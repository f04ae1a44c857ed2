package shanzhi.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLSchema;
import shanzhi.schema.types.FilterMatch;

/**
 * A filter is a way to read the field it narrows by: `nameContains` plus date ranges plus
 * totalCount would binary-search a birth date shown only as a year. So every filter input field
 * names the output field it follows (@filters(field: "Type.field")) and is usable only as far as
 * the caller may read that field, by the rules declared on that field (FieldRule), not by rules
 * of its own.
 */
public final class FilterRules {
    private static final Map<GraphQLFieldDefinition, FieldRule> RULES = new ConcurrentHashMap<>();

    private FilterRules() {
    }

    /**
     * Checks every set field of a filter argument of type {@code inputType}; a use the caller may
     * not make is FORBIDDEN. Returns the filter fields that must match only records whose value
     * the caller sees whole, with the condition under which the value is masked.
     */
    public static Map<String, MaskCondition> check(DataFetchingEnvironment env, String inputType, Map<String, Object> filter) {
        if (filter == null || filter.isEmpty()) {
            return Map.of();
        }
        GraphQLSchema schema = env.getGraphQLSchema();
        GraphQLInputObjectType type = (GraphQLInputObjectType) schema.getType(inputType);
        Caller caller = Caller.of(env);
        Map<String, MaskCondition> matchOnlyWhole = Map.of();
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            GraphQLInputObjectField field = type.getField(entry.getKey());
            GraphQLAppliedDirective follows = field == null ? null : field.getAppliedDirective("filters");
            if (follows == null) {
                // fail closed: a filter nobody tied to a field's rules would be a way around them
                throw new IllegalStateException(inputType + "." + entry.getKey() + " declares no @filters");
            }
            String followed = follows.getArgument("field").getValue().toString();
            FilterMatch match = FilterMatch.valueOf(follows.getArgument("match").getValue().toString());
            String name = inputType + "." + entry.getKey();
            MaskCondition condition = check(caller, name, followed, rule(schema, followed), match, entry.getValue());
            if (condition != null) {
                if (matchOnlyWhole.isEmpty()) {
                    matchOnlyWhole = new LinkedHashMap<>();
                }
                matchOnlyWhole.put(entry.getKey(), condition);
            }
        }
        return matchOnlyWhole;
    }

    private static MaskCondition check(Caller caller, String name, String followed, FieldRule rule, FilterMatch match,
                                       Object value) {
        for (Object item : value instanceof Collection<?> items ? items : List.of(value)) {
            if (rule.hiddenFrom(caller).contains(item.toString())) {
                throw new Forbidden(name + " " + item + " is only for " + rule.visibleTo(item.toString())
                        + " (it follows " + followed + ")", "@restrictedValues(" + name + ")");
            }
        }
        if (!rule.readableBy(caller)) {
            FieldRule.Generalised coarse = rule.generalised();
            if (coarse == null) {
                throw new Forbidden(name + " follows " + followed + ", which is only for " + rule.allowed(),
                        "@filters(" + name + ") @allow " + followed);
            }
            if (!coarse.to().aligned(match, value)) {
                throw new Forbidden(name + ": " + caller.roles() + " sees " + followed + " only as its "
                        + coarse.to().name().toLowerCase() + " (" + coarse.field() + "), so " + name + " must be "
                        + coarse.to().alignment(match) + ", not " + value, "@filters(" + name + ") @generalised " + followed);
            }
        }
        if (rule.maskedFor(caller)) {
            if (rule.masking().onlyFor() == null) {
                throw new Forbidden(name + " follows " + followed + ", which " + caller.roles() + " sees masked",
                        "@filters(" + name + ") @masked " + followed);
            }
            return rule.masking().onlyFor();
        }
        return null;
    }

    private static FieldRule rule(GraphQLSchema schema, String coordinates) {
        int dot = coordinates.indexOf('.');
        GraphQLFieldDefinition field = schema.getObjectType(coordinates.substring(0, dot))
                .getFieldDefinition(coordinates.substring(dot + 1));
        return RULES.computeIfAbsent(field, FieldRule::of);
    }

}
