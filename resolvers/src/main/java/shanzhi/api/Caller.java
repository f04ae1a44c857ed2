package shanzhi.api;

import java.time.Instant;
import java.util.Set;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/**
 * Who sends the request, from the verified token: subject, roles, scope region, the client
 * application, the grid worker id when the caller is one, and when the token expires (null: never).
 * Put into every request's GraphQLContext by the gateway's security layer; data fetchers read it
 * from there. A query is checked once, when it arrives; a subscription outlives that moment, so
 * it asks {@link #validAt(Instant)} again for every event it delivers.
 */
public record Caller(String subject, Set<Role> roles, Scope scope, String client, Long workerId, Instant expiresAt) {

    /** The token this caller was read from is still valid at {@code now}. */
    public boolean validAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

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
