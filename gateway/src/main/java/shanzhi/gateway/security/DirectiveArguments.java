package shanzhi.gateway.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.schema.GraphQLAppliedDirective;
import shanzhi.api.Role;

/** Reads the arguments of the access directives (declared in schema/access.graphqls). */
final class DirectiveArguments {
    private DirectiveArguments() {
    }

    static Set<Role> roles(GraphQLAppliedDirective directive, String argument) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : (Collection<?>) directive.getArgument(argument).getValue()) {
            roles.add(Role.valueOf(name.toString()));
        }
        return roles;
    }

    static Set<String> strings(GraphQLAppliedDirective directive, String argument) {
        return ((Collection<?>) directive.getArgument(argument).getValue()).stream()
                .map(Object::toString).collect(Collectors.toUnmodifiableSet());
    }

    static String string(GraphQLAppliedDirective directive, String argument) {
        return directive.getArgument(argument).getValue().toString();
    }
}
