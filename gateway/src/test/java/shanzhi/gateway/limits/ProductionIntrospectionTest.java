package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import shanzhi.gateway.ApiTestBase;

/**
 * Under the prod profile (application-prod.yml) no role may read the schema unless
 * shanzhi.introspection.roles names it: not even a district administrator gets __schema, __type or
 * the federation SDL (Query._service). The whole gateway runs here
 * with profiles "demo,prod": prod's settings, plus the demo's token issuer so that the test can
 * sign tokens (prod alone accepts only a configured issuer's).
 */
@ActiveProfiles({"demo", "prod"})
// Its own context: closed after the class so its pools do not stay open for the rest of the run.
@DirtiesContext
class ProductionIntrospectionTest extends ApiTestBase {

    @Test
    void schemaIntrospectionIsRefused() {
        query("{ __schema { queryType { name } } }").errors().satisfy(errors -> {
            assertThat(errors).as("errors").isNotEmpty();
            assertThat(errors.get(0).getMessage()).containsIgnoringCase("introspection");
        });
    }

    @Test
    void typeIntrospectionIsRefused() {
        query("{ __type(name: \"Person\") { fields { name } } }").errors().satisfy(errors -> {
            assertThat(errors).as("errors").isNotEmpty();
            assertThat(errors.get(0).getMessage()).containsIgnoringCase("introspection");
        });
    }

    @Test
    void theFederationSdlIsRefusedToo() {
        query("{ _service { sdl } }").errors().satisfy(errors -> {
            assertThat(errors).as("errors").hasSize(1);
            assertThat(errors.get(0).getExtensions()).containsEntry("code", "FORBIDDEN");
            assertThat(errors.get(0).getMessage()).contains("shanzhi.introspection.roles");
        }).path("_service").pathDoesNotExist(); // _service is non-null: the refusal nulls data
    }

    @Test
    void dataQueriesAreAnswered() {
        query("{ region(code: \"440513\") { name __typename } }")
                .path("region.name").entity(String.class).isEqualTo("潮阳区")
                .path("region.__typename").entity(String.class).isEqualTo("Region");
    }
}
