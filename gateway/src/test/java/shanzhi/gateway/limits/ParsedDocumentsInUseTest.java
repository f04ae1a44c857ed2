package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import shanzhi.gateway.ApiTestBase;

/** Parsed and validated documents are cached (ParsedDocuments, not DGS's provider bounded by count), so portals' repeated documents skip both steps. */
class ParsedDocumentsInUseTest extends ApiTestBase {
    @Autowired
    ParsedDocuments documents;

    @Test
    void aDocumentSentTwiceIsHeldOnce() {
        String document = "{ region(code: \"" + DISTRICT + "\") { code name } __typename }";
        long before = documents.size();
        query(document).path("region.code").entity(String.class).isEqualTo(DISTRICT);
        query(document).path("region.code").entity(String.class).isEqualTo(DISTRICT);
        assertThat(documents.size()).isEqualTo(before + 1);
    }
}
