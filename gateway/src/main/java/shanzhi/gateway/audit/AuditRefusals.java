package shanzhi.gateway.audit;

import java.util.Collection;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.stereotype.Component;

import graphql.GraphQLError;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;
import shanzhi.api.Caller;
import shanzhi.api.Forbidden;
import shanzhi.api.Role;

/**
 * Notes every FORBIDDEN field in the request's AuditCollector as a refusal, "rule coordinate"
 * (e.g. "@allow Region.incidents", "@restrictedValues(PersonFilter.tag) Region.residents"), so a
 * caller probing for what they may not see leaves a trace. It only looks: it resolves nothing,
 * and the API's error resolver still turns the exception into the client's error. First in line,
 * so it sees every exception before any resolver answers it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AuditRefusals implements DataFetcherExceptionResolver {

    @Override
    public Mono<List<GraphQLError>> resolveException(Throwable exception, DataFetchingEnvironment env) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof Forbidden forbidden) {
                AuditCollector collector = env.getGraphQlContext().get(AuditCollector.class);
                if (collector != null) {
                    collector.refused(rule(forbidden, env) + " " + env.getExecutionStepInfo().getObjectType().getName()
                            + "." + env.getFieldDefinition().getName());
                }
                break;
            }
        }
        return Mono.empty();
    }

    private static String rule(Forbidden forbidden, DataFetchingEnvironment env) {
        if (forbidden.rule() != null) {
            return forbidden.rule();
        }
        GraphQLAppliedDirective allow = env.getFieldDefinition().getAppliedDirective("allow");
        if (allow != null) {
            Caller caller = Caller.of(env);
            boolean allowed = ((Collection<?>) allow.getArgument("roles").getValue()).stream()
                    .anyMatch(role -> caller.has(Role.valueOf(role.toString())));
            if (!allowed) {
                return "@allow";
            }
        }
        // refused by a rule inside the field (e.g. a grid worker reporting as someone else)
        return "forbidden";
    }
}
