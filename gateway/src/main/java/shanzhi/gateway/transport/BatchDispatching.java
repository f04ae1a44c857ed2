package shanzhi.gateway.transport;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import graphql.execution.instrumentation.dataloader.DataLoaderDispatchingContextKeys;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import shanzhi.api.LoadContext;

/**
 * Makes batching follow the query's shape. Batch loaders are dispatched when the engine has no
 * other work left (graphql-java's exhausted dispatching), and every loader result of a request is
 * completed on that request's serial executor: two stores answering at the same moment can then
 * not let the engine see "nothing left" halfway through one loader's results and dispatch half a
 * batch. The result is one statement per loader per wave, whatever the timing.
 */
@Component
public class BatchDispatching implements WebGraphQlInterceptor {
    private final Scheduler completions = Schedulers.parallel();

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        SerialExecutor serial = new SerialExecutor(task -> completions.schedule(task));
        request.configureExecutionInput((input, builder) -> builder
                .graphQLContext(context -> context
                        .put(DataLoaderDispatchingContextKeys.ENABLE_DATA_LOADER_EXHAUSTED_DISPATCHING, true)
                        .put(LoadContext.COMPLETIONS, serial))
                .build());
        return chain.next(request);
    }
}
