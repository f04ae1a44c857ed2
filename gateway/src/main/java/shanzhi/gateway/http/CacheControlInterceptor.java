package shanzhi.gateway.http;

import java.time.Duration;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import shanzhi.gateway.audit.AuditCollector;

/**
 * Cache-Control from the data a response holds:
 * <ul>
 * <li>a query that read reference fields only (ReferenceFields), answered without errors:
 *     {@code private, max-age=shanzhi.http.reference-max-age};</li>
 * <li>everything else (personal data, counts, events, errors, refusals, mutations, subscriptions,
 *     anything the gateway is not sure about): {@code private, no-store}.</li>
 * </ul>
 * Always private, never public: even a region's stations come back as the caller's roles allow
 * (masked fields, fields denied as FORBIDDEN, regions outside the caller's scope as null), so a
 * shared cache must never hand one caller's answer to another. {@code Vary: Authorization} says the
 * same to any cache that keeps it anyway. The ETag and 304 are added by GetQueryHandler (a POST is
 * not reused by HTTP caches).
 * Outermost but for the caller, so it also sees the answers of every interceptor that refuses.
 */
@Component
public class CacheControlInterceptor implements WebGraphQlInterceptor, Ordered {
    static final String NO_STORE = CacheControl.noStore().cachePrivate().getHeaderValue();
    private final String referenceCacheControl;

    public CacheControlInterceptor(HttpProperties properties) {
        Duration maxAge = properties.referenceMaxAge();
        this.referenceCacheControl = maxAge.isZero() ? NO_STORE
                : CacheControl.maxAge(maxAge).cachePrivate().getHeaderValue();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        DataRead read = new DataRead();
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(DataRead.class, read)).build());
        return chain.next(request).map(response -> {
            HttpHeaders headers = response.getResponseHeaders();
            headers.setCacheControl(cacheable(read, response) ? referenceCacheControl : NO_STORE);
            headers.setVary(List.of(HttpHeaders.AUTHORIZATION));
            return response;
        });
    }

    private static boolean cacheable(DataRead read, WebGraphQlResponse response) {
        AuditCollector audit = response.getExecutionInput().getGraphQLContext().get(AuditCollector.class);
        boolean personal = audit == null || audit.sawEvidence();
        return read.referenceOnly() && !personal && response.isValid() && response.getErrors().isEmpty();
    }

    /** Right after CallerInterceptor, before every interceptor that may refuse a request. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
