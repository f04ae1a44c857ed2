package shanzhi.gateway.observability;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import graphql.GraphQLContext;
import reactor.util.context.ContextView;

/**
 * The request's thread locals (its observation, so the trace and span ids in the MDC, and its
 * request id), set from its Reactor context for the length of a scope. The gateway runs with
 * limited context propagation (application.yml), so code that logs or reads the current span
 * outside Reactor's handle and tap opens this scope around itself.
 */
public final class RequestThreadLocals {
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private RequestThreadLocals() {
    }

    /** Close it (try-with-resources) to put the thread back as it was. */
    public static ContextSnapshot.Scope from(ContextView context) {
        return SNAPSHOTS.setThreadLocalsFrom(context);
    }

    /** The same from a GraphQL context, into which Spring for GraphQL copied the request's Reactor context. */
    public static ContextSnapshot.Scope from(GraphQLContext context) {
        return SNAPSHOTS.captureFrom(context).setThreadLocals();
    }
}
