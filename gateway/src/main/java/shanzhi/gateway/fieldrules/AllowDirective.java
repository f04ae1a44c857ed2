package shanzhi.gateway.fieldrules;

import java.util.Set;

import com.netflix.graphql.dgs.DgsDirective;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import reactor.core.publisher.Flux;
import shanzhi.api.Caller;
import shanzhi.api.FieldRule;
import shanzhi.api.Forbidden;
import shanzhi.api.Role;

/**
 * @allow(roles: [...]): the field's data fetcher runs only for callers with one of the roles;
 * for others the field is null with a FORBIDDEN error, and no store is asked. A subscription field
 * refuses with a stream that fails at once: over SSE a fetcher that throws reaches the client only
 * as a generic error, a failed stream with its FORBIDDEN code on both transports.
 */
@DgsDirective(name = "allow")
public class AllowDirective implements SchemaDirectiveWiring {
    private static final String SUBSCRIPTION = "Subscription";

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        Set<Role> allowed = FieldRule.of(env.getElement()).allowed();
        FieldCoordinates coordinates = FieldCoordinates.coordinates(env.getFieldsContainer(), env.getElement());
        DataFetcher<?> original = env.getCodeRegistry().getDataFetcher(coordinates, env.getElement());
        String field = coordinates.getTypeName() + "." + coordinates.getFieldName();
        boolean subscription = SUBSCRIPTION.equals(coordinates.getTypeName());
        env.getCodeRegistry().dataFetcher(coordinates, DirectiveFetcher.around(original, fetching -> {
            if (!Caller.of(fetching).hasAnyRole(allowed)) {
                String message = field + " is only for " + allowed;
                if (subscription) {
                    // No fetcher exception resolver sees a failed stream, so the refusal names its whole
                    // rule for the audit trail here (AuditInterceptor records it).
                    return Flux.error(new Forbidden(message, "@allow " + field));
                }
                throw new Forbidden(message);
            }
            return original.get(fetching);
        }));
        return env.getElement();
    }
}
