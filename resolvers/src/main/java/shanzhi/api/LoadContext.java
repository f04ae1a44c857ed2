package shanzhi.api;

import java.util.concurrent.Executor;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/**
 * What every batch load carries as its key context: the caller's scope, which the SQL must
 * respect, and the request's completion executor. Loader results arrive on R2DBC threads; handing
 * them to one serial executor per request means the engine never works on two results of the
 * same request at once, so it sees a consistent picture of what is pending and dispatches each
 * wave of loads as one batch (one statement per loader), however the stores' answers interleave.
 * The request's GraphQLContext goes along too, so that what observes a store call on behalf of a
 * batch (the access log's statements per store) can tell which request it served.
 */
public record LoadContext(Scope scope, Executor completions, GraphQLContext request) {
    /** GraphQLContext key of the request's serial completion executor. */
    public static final String COMPLETIONS = "shanzhi.loadCompletions";

    public static LoadContext of(DataFetchingEnvironment env) {
        Executor completions = env.getGraphQlContext().get(COMPLETIONS);
        return new LoadContext(Caller.of(env).scope(), completions != null ? completions : Runnable::run,
                env.getGraphQlContext());
    }
}
