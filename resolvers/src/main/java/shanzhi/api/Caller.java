package shanzhi.api;

import java.util.Set;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/**
 * Who sends the request, from the verified token: subject, roles, scope region, the client
 * application, and the grid worker id when the caller is one. Put into every request's
 * GraphQLContext by the gateway's security layer; data fetchers read it from there.
 */
public record Caller(String subject, Set<Role> roles, Scope scope, String client, Long workerId) {

    public boolean hasAnyRole(Set<Role> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public static Caller of(DataFetchingEnvironment env) {
        return of(env.getGraphQlContext());
    }

    public static Caller of(GraphQLContext context) {
        Caller caller = context.get(Caller.class);
        if (caller == null) {
            throw new IllegalStateException("No caller in the GraphQL context: the security layer did not run");
        }
        return caller;
    }
}
