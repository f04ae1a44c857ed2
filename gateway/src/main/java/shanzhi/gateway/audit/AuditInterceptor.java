package shanzhi.gateway.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import org.reactivestreams.Publisher;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.gateway.observability.RequestThreadLocals;
import shanzhi.api.Caller;
import shanzhi.api.Forbidden;
import shanzhi.gateway.signing.ResponseSeal;
import shanzhi.gateway.signing.SignedResponses;
import shanzhi.api.ErrorCode;

/**
 * Holds every response back until its audit record is committed. A request that revealed no
 * person and was refused nothing passes unrecorded; one that did is answered only after AuditLog has appended its
 * record, and if that fails the response is replaced by one without data and with an
 * AUDIT_UNAVAILABLE error: personal data never leaves unaudited (fail closed).
 * A subscription is audited per event: each event that shows personal data is held back until
 * its own record (the persons and fields of that event) is committed, and withheld like a
 * response if that fails; the subscription itself goes on.
 * Runs inside CallerInterceptor (higher order), whose caller it records.
 */
@Component
public class AuditInterceptor implements WebGraphQlInterceptor, Ordered {
    private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);
    private final AuditLog auditLog;
    private final AuditHashes hashes;
    private final SignedResponses signedResponses;
    private final Clock clock = Clock.systemUTC();

    public AuditInterceptor(AuditLog auditLog, AuditHashes hashes, SignedResponses signedResponses) {
        this.auditLog = auditLog;
        this.hashes = hashes;
        this.signedResponses = signedResponses;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        AuditCollector collector = new AuditCollector();
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(AuditCollector.class, collector)).build());
        return chain.next(request).flatMap(response -> {
            if (response.getData() instanceof Publisher<?> events) {
                return Mono.just(response.transform(builder -> builder.data(auditedEvents(request, response,
                        collector, events))));
            }
            Optional<ResponseSeal> seal = ResponseSeal.of(request.getAttributes()).filter(any -> signedClient(response));
            if (seal.isPresent()) {
                seal.get().defer(sealedRecord(request, response, collector));
                return Mono.just(response);
            }
            if (!collector.sawEvidence()) {
                return Mono.just(response);
            }
            return Mono.<AuditEntry>fromCallable(() -> entry(request, response, collector))
                    .flatMap(auditLog::append)
                    .thenReturn(response)
                    .onErrorResume(failure -> Mono.deferContextual(context -> {
                        try (var traced = RequestThreadLocals.from(context)) {
                            log.error("Audit record for operation {} could not be written; the response is withheld",
                                    collector.operationName(), failure);
                        }
                        return Mono.just(withheld(response));
                    }));
        });
    }

    private boolean signedClient(WebGraphQlResponse response) {
        Caller caller = response.getExecutionInput().getGraphQLContext().get(Caller.class);
        return caller != null && signedResponses.signs(caller.client());
    }

    /**
     * A signed client's response is recorded whether or not it showed a person (it is evidence of
     * what the client was told), by the HTTP handler once the body's bytes are final, with their
     * digest; the handler sends nothing before the record is committed (SignedResponses).
     */
    private ResponseSeal.Record sealedRecord(WebGraphQlRequest request, WebGraphQlResponse response,
                                             AuditCollector collector) {
        return new ResponseSeal.Record() {
            @Override
            public Mono<Long> append(String responseDigest) {
                return Mono.fromCallable(() -> entry(request, response, collector).withResponseDigest(responseDigest))
                        .flatMap(auditLog::append);
            }

            @Override
            public WebGraphQlResponse withheld() {
                return AuditInterceptor.withheld(response);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private Flux<ExecutionResult> auditedEvents(WebGraphQlRequest request, WebGraphQlResponse response,
                                                AuditCollector collector, Publisher<?> events) {
        return Flux.from((Publisher<ExecutionResult>) events).concatMap((ExecutionResult event) -> {
            AuditCollector shown = collector.drain();
            if (!shown.sawEvidence()) {
                return Mono.just(event);
            }
            return Mono.<AuditEntry>fromCallable(() -> entry(request, response, shown, AuditEntry.Outcome.of(
                            event.getErrors().isEmpty(), event.getData() != null, !shown.refusals().isEmpty())))
                    .flatMap(auditLog::append)
                    .thenReturn(event)
                    .onErrorResume(failure -> {
                        log.error("Audit record for an event of subscription {} could not be written; the event is withheld",
                                shown.operationName(), failure);
                        return Mono.just(event.transform(builder -> builder.data(null).errors(List.of(unavailable()))));
                    });
        }).onErrorResume(failure -> forbidden(failure) != null,
                failure -> refusalRecorded(request, response, collector, forbidden(failure), failure));
    }

    /**
     * A subscription refused as it starts (an @allow on the subscription field) fails its stream
     * instead of showing an event: the refusal is still evidence, so it is recorded before the
     * subscriber is told. A trail that cannot be written does not change what the subscriber gets.
     */
    private Flux<ExecutionResult> refusalRecorded(WebGraphQlRequest request, WebGraphQlResponse response,
                                                  AuditCollector collector, Forbidden refused, Throwable failure) {
        AuditCollector shown = collector.drain();
        shown.refused(refused.rule() != null ? refused.rule() : "forbidden Subscription");
        return Mono.<AuditEntry>fromCallable(() -> entry(request, response, shown, AuditEntry.Outcome.of(false, false, true)))
                .flatMap(auditLog::append)
                .onErrorResume(unwritten -> {
                    log.error("Audit record of a refused subscription {} could not be written", shown.operationName(), unwritten);
                    return Mono.empty();
                })
                .thenMany(Flux.<ExecutionResult>error(failure));
    }

    /** The refusal inside a failed stream (Spring wraps it once its resolvers have answered it). */
    private static Forbidden forbidden(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Forbidden refused) {
                return refused;
            }
        }
        return null;
    }

    private AuditEntry entry(WebGraphQlRequest request, WebGraphQlResponse response, AuditCollector collector) {
        return entry(request, response, collector, AuditEntry.Outcome.of(response.getErrors().isEmpty(),
                response.getData() != null, !collector.refusals().isEmpty()));
    }

    private AuditEntry entry(WebGraphQlRequest request, WebGraphQlResponse response, AuditCollector collector,
                             AuditEntry.Outcome outcome) {
        Caller caller = Caller.of(response.getExecutionInput().getGraphQLContext());
        String name = collector.operationName() != null ? collector.operationName() : request.getOperationName();
        // The execution input's document is the one that ran. A hash-only persisted or trusted
        // document's request carries a placeholder instead, which would hash alike for every one.
        return new AuditEntry(AuditEntry.CURRENT, clock.instant().truncatedTo(ChronoUnit.MICROS), caller.subject(),
                caller.roles().stream().map(Enum::name).toList(), caller.scope().region(), caller.client(),
                caller.workerId(), collector.operationType(), name,
                hashes.document(response.getExecutionInput().getQuery()), hashes.variables(request.getVariables()),
                collector.personIds(), collector.fields(), collector.connections(), collector.refusals(), outcome,
                collector.purpose());
    }

    private static WebGraphQlResponse withheld(WebGraphQlResponse response) {
        return response.transform(builder -> builder.data(null).errors(List.of(unavailable())));
    }

    private static GraphQLError unavailable() {
        return GraphqlErrorBuilder.newError()
                .errorType(ErrorType.INTERNAL_ERROR)
                .message("The audit trail cannot be written, so no personal data is returned; try again later")
                .extensions(Map.of("code", ErrorCode.AUDIT_UNAVAILABLE.name()))
                .build();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
