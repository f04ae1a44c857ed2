package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;

/** The cache of parsed documents: once per text, and bounded by weight, not by a count. */
class ParsedDocumentsTest {

    @Test
    void aDocumentIsParsedOncePerText() {
        ParsedDocuments documents = new ParsedDocuments();
        AtomicInteger parsed = new AtomicInteger();
        PreparsedDocumentEntry first = documents.getDocumentAsync(ExecutionInput.newExecutionInput("{ a }").build(),
                input -> parse(parsed)).join();
        PreparsedDocumentEntry again = documents.getDocumentAsync(ExecutionInput.newExecutionInput("{ a }").build(),
                input -> parse(parsed)).join();
        documents.getDocumentAsync(ExecutionInput.newExecutionInput("{ b }").build(), input -> parse(parsed)).join();
        assertThat(again).isSameAs(first);
        assertThat(parsed).hasValue(2);
    }

    @Test
    void largeDocumentsAreHeldOnlyUpToTheWeight() {
        long maximum = 10L * OperationWeight.of(100_000, java.util.Map.of());
        ParsedDocuments documents = new ParsedDocuments(maximum);
        AtomicInteger parsed = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            String query = "{ a" + i + " }" + " ".repeat(100_000 - 6);
            documents.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), input -> parse(parsed)).join();
        }
        assertThat(parsed).hasValue(100);
        assertThat(documents.size()).isLessThanOrEqualTo(10);
    }

    private static PreparsedDocumentEntry parse(AtomicInteger parsed) {
        parsed.incrementAndGet();
        return new PreparsedDocumentEntry(Document.newDocument().build());
    }
}
