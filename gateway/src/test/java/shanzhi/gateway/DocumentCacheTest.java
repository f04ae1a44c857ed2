package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.netflix.graphql.dgs.DgsDefaultPreparsedDocumentProvider;

import graphql.execution.preparsed.PreparsedDocumentProvider;

/** Parsed and validated documents are cached, so portals' repeated documents skip both steps. */
class DocumentCacheTest extends ApiTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void theGatewayCachesParsedDocuments() {
        assertThat(context.getBeansOfType(PreparsedDocumentProvider.class).values())
                .anyMatch(DgsDefaultPreparsedDocumentProvider.class::isInstance);
        String document = "{ region(code: \"440513\") { name } }";
        query(document).path("region.name").entity(String.class).isEqualTo("潮阳区");
        query(document).path("region.name").entity(String.class).isEqualTo("潮阳区");
    }
}
