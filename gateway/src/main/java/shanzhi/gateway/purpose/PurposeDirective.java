package shanzhi.gateway.purpose;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.netflix.graphql.dgs.DgsDirective;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import shanzhi.api.Caller;
import shanzhi.api.Role;
import shanzhi.gateway.audit.AccessPurpose;
import shanzhi.gateway.audit.AuditCollector;
import shanzhi.gateway.fieldrules.DirectiveFetcher;

/**
 * @purpose(codes:, for:): for callers with a role in {@code for}, the field's data fetcher runs
 * only under a declared purpose Purposes accepts; the accepted purpose goes to the request's
 * audit record. The same check for every transport, since it sits on the field.
 */
@DgsDirective(name = "purpose")
public class PurposeDirective implements SchemaDirectiveWiring {
    private final Purposes purposes;

    public PurposeDirective(Purposes purposes) {
        this.purposes = purposes;
    }

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        GraphQLAppliedDirective directive = env.getElement().getAppliedDirective("purpose");
        Set<Role> needing = EnumSet.noneOf(Role.class);
        ((Collection<?>) directive.getArgument("for").getValue()).forEach(role -> needing.add(Role.valueOf(role.toString())));
        Object codes = directive.getArgument("codes").getValue();
        List<String> accepted = codes == null ? List.of() : ((Collection<?>) codes).stream().map(Object::toString).toList();
        FieldCoordinates coordinates = FieldCoordinates.coordinates(env.getFieldsContainer(), env.getElement());
        DataFetcher<?> original = env.getCodeRegistry().getDataFetcher(coordinates, env.getElement());
        String field = coordinates.getTypeName() + "." + coordinates.getFieldName();
        env.getCodeRegistry().dataFetcher(coordinates, DirectiveFetcher.around(original, fetching -> {
            Caller caller = Caller.of(fetching);
            if (caller.hasAnyRole(needing)) {
                DeclaredPurpose declared = fetching.getGraphQlContext().getOrDefault(DeclaredPurpose.class, DeclaredPurpose.NONE);
                AccessPurpose purpose = purposes.require(declared, caller, field, accepted, java.time.Instant.now());
                AuditCollector collector = fetching.getGraphQlContext().get(AuditCollector.class);
                if (collector != null) {
                    collector.purpose(purpose);
                }
            }
            return original.get(fetching);
        }));
        return env.getElement();
    }
}
