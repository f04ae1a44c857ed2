package shanzhi.gateway.limits;

import static shanzhi.gateway.limits.Refusals.assertAnswered;
import static shanzhi.gateway.limits.Refusals.assertNoStatements;
import static shanzhi.gateway.limits.Refusals.assertRefused;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.cache.ColdCache;
import shanzhi.gateway.cache.TieredReferenceCache;
import shanzhi.gateway.sources.Department;

/** A document of up to 16 KiB (UTF-8 bytes, not characters) is read; a larger one is refused unparsed. */
class DocumentSizeTest extends ApiTestBase {
    @Autowired
    TieredReferenceCache referenceCache;

    /**
     * "Answered" is proven by statements reaching the stores; the region fields these documents
     * ask for are reference data, which a warm reference cache would serve without any.
     */
    @BeforeEach
    void coldReferenceCache() {
        ColdCache.of(referenceCache);
    }

    private static final int LIMIT = 16 * 1024;

    @Test
    void sixteenKibibytesAreAnsweredAndOneByteMoreIsRefused() {
        GraphQlTester.Response[] atLimit = new GraphQlTester.Response[1];
        Map<Department, Long> answered = statementsDuring(() -> atLimit[0] = query(documentOf(LIMIT)));
        assertAnswered(atLimit[0], answered);
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(query(documentOf(LIMIT + 1)),
                Limit.DOCUMENT_SIZE, LIMIT + 1, LIMIT));
        assertNoStatements(statements);
    }

    @Test
    void theSizeIsCountedInBytes() {
        // 6,000 characters of 区 are 18,000 bytes.
        String document = "{ region(code: \"440513\") { name } }\n#" + "区".repeat(6000);
        int bytes = document.getBytes(StandardCharsets.UTF_8).length;
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(query(document),
                Limit.DOCUMENT_SIZE, bytes, LIMIT));
        assertNoStatements(statements);
    }

    /** A small query padded with a comment (of three-byte characters, then ASCII) to exactly {@code bytes}. */
    private static String documentOf(int bytes) {
        StringBuilder document = new StringBuilder("{ region(code: \"440513\") { name } }\n#");
        while (document.toString().getBytes(StandardCharsets.UTF_8).length + 3 <= bytes - 16) {
            document.append("区");
        }
        while (document.toString().getBytes(StandardCharsets.UTF_8).length < bytes) {
            document.append('x');
        }
        return document.toString();
    }
}
