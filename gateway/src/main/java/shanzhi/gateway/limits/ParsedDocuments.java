package shanzhi.gateway.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Documents parsed and validated once per text (the portals send the same few documents over and
 * over; limits, audit and the rules still run per request). Takes the place of DGS's provider,
 * which is bounded by a count of entries: 2,000 documents at the document-size limit would not
 * fit the heap. Bounded by {@link OperationWeight}, like the shapes and the plans derived from them.
 */
@Component
public class ParsedDocuments implements PreparsedDocumentProvider {
    static final long MAXIMUM_WEIGHT = 32L * 1024 * 1024;

    private final Cache<String, PreparsedDocumentEntry> documents;

    public ParsedDocuments() {
        this(MAXIMUM_WEIGHT);
    }

    ParsedDocuments(long maximumWeight) {
        documents = Caffeine.newBuilder()
                .maximumWeight(maximumWeight)
                .weigher((String query, PreparsedDocumentEntry entry) -> OperationWeight.of(query.length(), Map.of()))
                .expireAfterAccess(Duration.ofHours(1))
                .build();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                       Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        return CompletableFuture.completedFuture(documents.get(input.getQuery(), query -> parseAndValidate.apply(input)));
    }

    /** Documents held now (after pending evictions). */
    long size() {
        documents.cleanUp();
        return documents.estimatedSize();
    }
}
