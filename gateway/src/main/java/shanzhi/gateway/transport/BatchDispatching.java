package shanzhi.gateway.transport;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import graphql.execution.instrumentation.dataloader.DataLoaderDispatchingContextKeys;
import reactor.core.publisher.Mono;

/**
 * Dispatches the batch loaders only when the engine has no other work left. The per-level
 * default can dispatch a level more than once when its parents complete at different times on
 * R2DBC threads, which splits a batch into several statements; waiting for exhaustion keeps
 * one statement per loader per wave, so statement counts follow the query's shape.
 */
@Component
public class BatchDispatching implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        request.configureExecutionInput((input, builder) -> builder
                .graphQLContext(context -> context.put(
                        DataLoaderDispatchingContextKeys.ENABLE_DATA_LOADER_EXHAUSTED_DISPATCHING, true))
                .build());
        return chain.next(request);
    }
}
