package shanzhi.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayInstance;

/**
 * shanzhi.introspection.roles decides per caller: with only DISTRICT_ADMIN listed, a district
 * administrator reads __schema, __type and Query._service { sdl }, a partner gets none of the
 * three (and still gets data), and a caller without a token gets 401.
 */
class IntrospectionPerRoleTest {
    private static final String SCHEMA = "{ __schema { queryType { name } } }";
    private static final String TYPE = "{ __type(name: \\\"Person\\\") { name } }";
    private static final String SERVICE = "{ _service { sdl } }";
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayInstance.start(Map.of("shanzhi.introspection.roles", "DISTRICT_ADMIN"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aListedRoleReadsTheSchemaTheTypesAndTheSdl() {
        post(Role.DISTRICT_ADMIN, SCHEMA).jsonPath("$.data.__schema.queryType.name").isEqualTo("Query")
                .jsonPath("$.errors").doesNotExist();
        post(Role.DISTRICT_ADMIN, TYPE).jsonPath("$.data.__type.name").isEqualTo("Person");
        post(Role.DISTRICT_ADMIN, SERVICE).jsonPath("$.data._service.sdl").value(sdl ->
                assertThat((String) sdl).contains("type Person").contains("idNumber"));
    }

    @Test
    void anotherRoleGetsNeitherTheSchemaNorTheTypesNorTheSdl() {
        for (String document : List.of(SCHEMA, TYPE)) {
            post(Role.PARTNER, document).jsonPath("$.data.__schema").doesNotExist()
                    .jsonPath("$.data.__type").doesNotExist()
                    .jsonPath("$.errors[0].message").value(message ->
                            assertThat((String) message).containsIgnoringCase("introspection"));
        }
        post(Role.PARTNER, SERVICE).jsonPath("$.data._service").doesNotExist()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("FORBIDDEN")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).doesNotContain("type Person"));
        post(Role.PARTNER, "{ region(code: \\\"440513\\\") { code __typename } }")
                .jsonPath("$.data.region.code").isEqualTo("440513").jsonPath("$.data.region.__typename").isEqualTo("Region");
    }

    @Test
    void theSdlHiddenInAFragmentOrUnderAnAliasIsRefusedToo() {
        post(Role.PARTNER, "{ s: _service { sdl } }").jsonPath("$.data.s").doesNotExist()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("FORBIDDEN");
        post(Role.PARTNER, "query { ...F } fragment F on Query { _service { sdl } }").jsonPath("$.data._service").doesNotExist()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("FORBIDDEN");
    }

    @Test
    void aCallerWithoutATokenNeverSeesIt() {
        gateway.http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\": \"" + SERVICE + "\"}").exchange()
                .expectStatus().isUnauthorized().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain("type Person"));
    }

    private static WebTestClient.BodyContentSpec post(Role role, String document) {
        String token = gateway.token("introspection-" + role, List.of(role), "440513", "introspection-tests");
        return gateway.http().post().uri("/graphql").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"query\": \"" + document + "\"}")
                .exchange().expectStatus().isOk().expectBody();
    }
}
