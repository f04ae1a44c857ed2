package shanzhi.gateway.trusted;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.Optional;

import reactor.core.publisher.Mono;
import shanzhi.api.Caller;
import shanzhi.gateway.redis.RedisBreaker;
import shanzhi.gateway.authentication.CallerClaims;

/**
 * Apollo's Automatic Persisted Queries over Redis, and the trusted-documents switch.
 * <ul>
 * <li>hash only, known: runs the stored document (operator-registered or APQ);</li>
 * <li>hash only, unknown: PERSISTED_QUERY_NOT_FOUND, so the client re-sends with the document;</li>
 * <li>hash and document: the hash must be the document's SHA-256; the document is stored as APQ;</li>
 * <li>a caller named by shanzhi.trusted-documents.required-for-* runs only operator-registered
 *     documents, however they are sent: anything else is TRUSTED_DOCUMENT_REQUIRED, nothing runs.</li>
 * </ul>
 * Written here rather than with DGS's APQ support (dgs.graphql.apq.*): that plugs graphql-java's
 * PreparsedDocumentProvider with an in-process Caffeine cache, which replicas do not share, its
 * not-found error carries no extensions.code, and the trust check needs the same lookup anyway.
 * Runs right after CallerInterceptor, before any data fetcher.
 */
@Component
public class PersistedQueryInterceptor implements WebGraphQlInterceptor, Ordered {
    private static final Logger log = LoggerFactory.getLogger(PersistedQueryInterceptor.class);
    private final PersistedDocuments documents;
    private final TrustedDocumentPolicy policy;

    public PersistedQueryInterceptor(PersistedDocuments documents, TrustedDocumentsProperties properties) {
        this.documents = documents;
        this.policy = TrustedDocumentPolicy.of(properties);
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        PersistedQuery persisted;
        try {
            persisted = PersistedQuery.of(request.getExtensions());
        } catch (PersistedQuery.MalformedPersistedQuery e) {
            return Refusal.badRequest(e.getMessage()).respond(request);
        }
        return caller().flatMap(caller -> {
            boolean registeredOnly = policy.requiresRegistered(caller);
            String document = sentDocument(request);
            if (persisted == null) {
                // Without a document the engine itself reports the bad request.
                return registeredOnly && StringUtils.hasText(document)
                        ? runIfRegistered(DocumentHash.of(document), request, chain) : chain.next(request);
            }
            if (!StringUtils.hasText(document)) {
                return runStored(persisted.hash(), registeredOnly, request, chain);
            }
            if (!DocumentHash.of(document).equals(persisted.hash())) {
                return Refusal.badRequest("provided sha256Hash does not match the document").respond(request);
            }
            return registeredOnly ? runIfRegistered(persisted.hash(), request, chain)
                    : rememberAndRun(persisted.hash(), document, request, chain);
        });
    }

    // Redis failures are told apart from "not found" before anything runs, so an error of the
    // operation itself is never mistaken for one of Redis. Empty below means Redis could not answer.
    private Mono<WebGraphQlResponse> runStored(String hash, boolean registeredOnly, WebGraphQlRequest request, Chain chain) {
        return documents.find(hash)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .onErrorResume(RedisBreaker::redisFailure, failure -> Mono.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Refusal.persistedQueryNotFound().respond(request);
                    }
                    StoredDocument stored = found.get();
                    if (registeredOnly && !stored.registered()) {
                        return Refusal.trustedDocumentRequired().respond(request);
                    }
                    request.configureExecutionInput((input, builder) -> builder.query(stored.text()).build());
                    return chain.next(request);
                })
                .switchIfEmpty(Mono.defer(() -> Refusal.documentsUnavailable().respond(request)));
    }

    private Mono<WebGraphQlResponse> runIfRegistered(String hash, WebGraphQlRequest request, Chain chain) {
        return documents.isRegistered(hash)
                .onErrorResume(RedisBreaker::redisFailure, failure -> Mono.empty())
                .flatMap(registered -> registered ? chain.next(request) : Refusal.trustedDocumentRequired().respond(request))
                .switchIfEmpty(Mono.defer(() -> Refusal.documentsUnavailable().respond(request)));
    }

    private Mono<WebGraphQlResponse> rememberAndRun(String hash, String document, WebGraphQlRequest request, Chain chain) {
        if (!parses(document)) {
            // Not worth a Redis entry; the engine reports the syntax error as usual.
            return chain.next(request);
        }
        // Storing is only a bandwidth saving for the next request: a Redis failure must not fail this one.
        return documents.remember(hash, document)
                .onErrorResume(error -> {
                    log.warn("Could not store the APQ document {}: {}", hash, error.toString());
                    return Mono.just(false);
                })
                .then(chain.next(request));
    }

    /** The document text the client sent; null when it sent only a hash (Spring puts a marker there). */
    private static String sentDocument(WebGraphQlRequest request) {
        String document = request.getDocument();
        return PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(document) ? null : document;
    }

    private static boolean parses(String document) {
        try {
            Parser.parse(document);
            return true;
        } catch (InvalidSyntaxException e) {
            return false;
        }
    }

    private static Mono<Caller> caller() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .cast(JwtAuthenticationToken.class)
                .map(token -> CallerClaims.caller(token.getToken()))
                .switchIfEmpty(Mono.error(new IllegalStateException("GraphQL request without a verified token")));
    }

    /** After CallerInterceptor, before everything else. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
