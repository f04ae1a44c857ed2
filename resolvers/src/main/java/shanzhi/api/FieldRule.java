package shanzhi.api;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;

/**
 * What schema/access.graphqls declares on one output field: who may read it (@allow), who sees
 * it masked and when (@masked), its generalisation (@generalised) and its restricted values
 * (@restrictedValues). The one reader of those directives: the gateway's wirings enforce what a
 * field shows from it, FilterRules what a filter may ask about the field.
 *
 * @param allowed     roles that may read the field; null when every role may
 * @param masking     null when the field is never masked
 * @param generalised null when the field has no generalisation
 */
public record FieldRule(Set<Role> allowed, Masking masking, Generalised generalised, List<RestrictedValue> restricted) {

    /** Masked for every caller without one of {@code unmaskedFor}, where {@code onlyFor} holds (always when null). */
    public record Masking(String mask, Set<Role> unmaskedFor, MaskCondition onlyFor) {
    }

    /** Shown to every role as {@code to} applied to the value, in the sibling field {@code field}. */
    public record Generalised(Generalisation to, String field) {
    }

    public record RestrictedValue(Set<String> values, Set<Role> visibleTo) {
    }

    public static FieldRule of(GraphQLFieldDefinition field) {
        GraphQLAppliedDirective allow = field.getAppliedDirective("allow");
        GraphQLAppliedDirective masked = field.getAppliedDirective("masked");
        GraphQLAppliedDirective generalised = field.getAppliedDirective("generalised");
        Object condition = masked == null ? null : masked.getArgument("onlyFor").getValue();
        return new FieldRule(
                allow == null ? null : roles(allow, "roles"),
                masked == null ? null : new Masking(string(masked, "as"), roles(masked, "unmaskedFor"),
                        condition == null ? null : MaskCondition.valueOf(condition.toString())),
                generalised == null ? null : new Generalised(Generalisation.valueOf(string(generalised, "to")),
                        string(generalised, "field")),
                field.getAppliedDirectives("restrictedValues").stream()
                        .map(rule -> new RestrictedValue(strings(rule, "values"), roles(rule, "visibleTo"))).toList());
    }

    public boolean readableBy(Caller caller) {
        return allowed == null || caller.hasAnyRole(allowed);
    }

    /** The caller sees the field masked (where the masking's condition holds). */
    public boolean maskedFor(Caller caller) {
        return masking != null && !caller.hasAnyRole(masking.unmaskedFor());
    }

    /** The restricted values the caller may not see; empty for most callers, without allocating. */
    public Set<String> hiddenFrom(Caller caller) {
        Set<String> hidden = Set.of();
        for (RestrictedValue rule : restricted) {
            if (!caller.hasAnyRole(rule.visibleTo())) {
                if (hidden.isEmpty()) {
                    hidden = new HashSet<>();
                }
                hidden.addAll(rule.values());
            }
        }
        return hidden;
    }

    /** Who may see a restricted value, for messages. */
    public Set<Role> visibleTo(String value) {
        return restricted.stream().filter(rule -> rule.values().contains(value)).findFirst()
                .map(RestrictedValue::visibleTo).orElse(EnumSet.allOf(Role.class));
    }

    private static Set<Role> roles(GraphQLAppliedDirective directive, String argument) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : (Collection<?>) directive.getArgument(argument).getValue()) {
            roles.add(Role.valueOf(name.toString()));
        }
        return roles;
    }

    private static Set<String> strings(GraphQLAppliedDirective directive, String argument) {
        return ((Collection<?>) directive.getArgument(argument).getValue()).stream()
                .map(Object::toString).collect(Collectors.toUnmodifiableSet());
    }

    private static String string(GraphQLAppliedDirective directive, String argument) {
        return directive.getArgument(argument).getValue().toString();
    }
}
