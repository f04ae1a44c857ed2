package shanzhi.gateway.transport;

import java.util.List;
import java.util.Map;

import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.gateway.authentication.CallerInterceptor;
import shanzhi.api.ErrorCode;

/**
 * Makes each HTTP transport carry what it can:
 * <ul>
 * <li>a subscription sent as a plain POST (no {@code Accept: text/event-stream}) would come back
 *     with the event stream's Java object as {@code data}; it is HTTP 400 saying how to subscribe;</li>
 * <li>over SSE, a request refused before it ran (a limit, the rate limit, a hostile string) has no
 *     event stream, and Spring's SSE handler would replace its errors by "SSE handler supports only
 *     subscriptions"; the errors are sent as the stream's one {@code next} event instead.</li>
 * </ul>
 * Outermost after the caller is known, so it sees every refusal of the interceptors inside it.
 */
@Component
public class StreamedResponses implements WebGraphQlInterceptor, Ordered {
    public static final int ORDER = CallerInterceptor.ORDER + 1;
    static final String SUBSCRIPTION_WITHOUT_STREAM = "A subscription needs a stream: send it with "
            + "Accept: text/event-stream (SSE) or over graphql-ws (WebSocket on the same path); "
            + "a plain POST carries queries and mutations only.";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest) {
            return chain.next(request);
        }
        boolean eventStream = request.getHeaders().getAccept().stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
        if (eventStream) {
            request.configureExecutionInput((input, builder) ->
                    builder.graphQLContext(context -> context.put(SseOperations.OVER_SSE, true)).build());
        }
        return chain.next(request).flatMap(response -> {
            boolean stream = response.getData() instanceof Publisher;
            if (!eventStream && stream) {
                return BAD_REQUEST_STATUS.then(Mono.just(replaced(response, ExecutionResult.newExecutionResult()
                        .addError(GraphqlErrorBuilder.newError().errorType(ErrorType.OperationNotSupported)
                                .message(SUBSCRIPTION_WITHOUT_STREAM).extensions(Map.of("code", ErrorCode.BAD_REQUEST.name())).build())
                        .build())));
            }
            if (eventStream && !stream && !response.getExecutionResult().isDataPresent() && !response.getErrors().isEmpty()) {
                List<GraphQLError> errors = response.getExecutionResult().getErrors();
                ExecutionResult only = ExecutionResult.newExecutionResult().errors(errors).build();
                return Mono.just(replaced(response, ExecutionResult.newExecutionResult()
                        .data(Flux.just(only)).build()));
            }
            return Mono.just(response);
        });
    }

    private static final Mono<Void> BAD_REQUEST_STATUS = HttpExchange.status(HttpStatus.BAD_REQUEST);

    private static WebGraphQlResponse replaced(WebGraphQlResponse response, ExecutionResult result) {
        WebGraphQlResponse replaced = new WebGraphQlResponse(
                new DefaultExecutionGraphQlResponse(response.getExecutionInput(), result));
        replaced.getResponseHeaders().putAll(response.getResponseHeaders());
        return replaced;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
