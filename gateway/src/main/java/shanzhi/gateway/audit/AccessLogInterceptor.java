package shanzhi.gateway.audit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

import graphql.ExecutionInput;
import graphql.GraphQLContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.api.Caller;
import shanzhi.gateway.sources.RequestStatements;

/**
 * The GraphQL part of the access log line: caller, operation, keyed document hash, outcome and
 * error codes. Over HTTP it fills the line AccessLogFilter writes; a graphql-ws operation has no
 * HTTP exchange of its own, so its line gets a generated request id (and the socket's session id)
 * and is written here when the operation ends (a subscription when its stream ends, with the
 * number of events sent). Runs right inside CallerInterceptor.
 */
@Component
public class AccessLogInterceptor implements WebGraphQlInterceptor, Ordered {
    private final AuditHashes hashes;

    public AccessLogInterceptor(AuditHashes hashes) {
        this.hashes = hashes;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        boolean webSocket = request instanceof WebSocketGraphQlRequest;
        AccessLog.Line line = webSocket ? new AccessLog.Line(webSocketRequestId((WebSocketGraphQlRequest) request), "ws")
                : (AccessLog.Line) request.getAttributes().get(AccessLog.ATTRIBUTE);
        if (line == null) {
            return chain.next(request);
        }
        RequestStatements statements = new RequestStatements();
        line.statements = statements;
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(RequestStatements.class, statements)).build());
        return chain.next(request)
                .map(response -> {
                    describe(line, response);
                    if (response.getData() instanceof Publisher<?> events) {
                        return response.transform(builder -> builder.data(counted(line, events, webSocket)));
                    }
                    if (webSocket) {
                        line.write();
                    }
                    return response;
                })
                .doOnError(failure -> {
                    line.outcome = "ERROR";
                    if (webSocket) {
                        line.write();
                    }
                })
                .contextWrite(context -> context.put(RequestStatements.class, statements));
    }

    private void describe(AccessLog.Line line, WebGraphQlResponse response) {
        ExecutionInput input = response.getExecutionInput();
        GraphQLContext context = input.getGraphQLContext();
        Caller caller = context.get(Caller.class);
        if (caller != null) {
            line.caller(caller);
        }
        AuditCollector collector = context.get(AuditCollector.class);
        if (collector != null) {
            line.operationType = collector.operationType();
            line.operationName = collector.operationName();
        }
        if (line.operationName == null) {
            line.operationName = input.getOperationName();
        }
        line.documentHash = hashes.document(input.getQuery());
        boolean refused = collector != null && !collector.refusals().isEmpty();
        line.outcome = AuditEntry.Outcome.of(response.getErrors().isEmpty(), response.getData() != null, refused).name();
        line.errors(response.getErrors());
    }

    private static Flux<Object> counted(AccessLog.Line line, Publisher<?> events, boolean webSocket) {
        AtomicLong sent = new AtomicLong();
        return Flux.from(events).cast(Object.class).doOnNext(event -> sent.incrementAndGet()).doFinally(signal -> {
            line.events = sent.get();
            line.outcome = switch (signal) {
                case ON_ERROR -> "FAILED";
                case CANCEL -> "CANCELLED";
                default -> line.outcome;
            };
            if (webSocket) {
                line.write();
            }
        });
    }

    private static String webSocketRequestId(WebSocketGraphQlRequest request) {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        return "ws-" + AccessLog.safe(request.getSessionInfo().getId(), 32) + "-" + HexFormat.of().formatHex(random);
    }

    /** Inside CallerInterceptor (whose caller it logs), outside everything else. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
