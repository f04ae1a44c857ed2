package shanzhi.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import shanzhi.api.Role;
import shanzhi.gateway.authentication.DemoTokenIssuer;

/**
 * Every GraphQL request needs a valid bearer token of the configured issuer and audience that
 * names a role and a well-formed region; anything else is HTTP 401 before any data is read.
 */
class AuthenticationTest extends AccessTestBase {
    private static final String QUERY = "{ region(code: \"" + DISTRICT + "\") { code name population } }";

    @LocalServerPort
    int serverPort;

    @Test
    void aValidTokenIsAnsweredWithData() {
        EntityExchangeResult<String> result = post(tokens.issue(validClaims()));
        assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(result.getResponseBody()).contains("\"data\"").contains("\"code\":\"" + DISTRICT + "\"");
    }

    @Test
    void aRequestWithoutATokenIsUnauthorizedAndGetsNoData() {
        assertUnauthorizedWithoutData(http().post().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", QUERY)).exchange().expectBody(String.class).returnResult());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
        RSAKey foreignKey = new RSAKeyGenerator(2048).keyID("foreign").generate();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        validClaims().forEach((name, value) -> claims.claim(name, value instanceof Instant instant ? Date.from(instant) : value));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("foreign").build(), claims.build());
        jwt.sign(new RSASSASigner(foreignKey));

        assertRejected(jwt.serialize());
    }

    @Test
    void aTokenOfAnotherIssuerIsUnauthorized() {
        assertRejected(tokens.issue(with(validClaims(), "iss", "https://elsewhere.example/issuer")));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        assertRejected(tokens.issue(with(validClaims(), "aud", List.of("another-api"))));
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        Map<String, Object> claims = with(validClaims(), "iat", anHourAgo.minus(Duration.ofMinutes(10)));
        assertRejected(tokens.issue(with(claims, "exp", anHourAgo)));
    }

    @Test
    void aTokenWithoutAnExpiryIsUnauthorized() {
        Map<String, Object> claims = validClaims();
        claims.remove("exp");
        assertRejected(tokens.issue(claims));
    }

    @Test
    void aTokenWithoutRolesIsUnauthorized() {
        Map<String, Object> claims = validClaims();
        claims.remove("roles");
        assertRejected(tokens.issue(claims));
    }

    @Test
    void aTokenNamingOnlyUnknownRolesIsUnauthorized() {
        assertRejected(tokens.issue(with(validClaims(), "roles", List.of("SUPERUSER"))));
    }

    @Test
    void aTokenWithAMalformedRegionIsUnauthorized() {
        assertRejected(tokens.issue(with(validClaims(), "region", "44051")));
        assertRejected(tokens.issue(with(validClaims(), "region", "4405130O7")));
    }

    @Test
    void aTokenWithoutARegionIsUnauthorized() {
        Map<String, Object> claims = validClaims();
        claims.remove("region");
        assertRejected(tokens.issue(claims));
    }

    @Test
    void theGraphiQlPageIsReachableWithoutAToken() {
        server().get().uri("/graphiql").exchange().expectStatus().value(status ->
                assertThat(status).as("GET /graphiql (a redirect to the page, or the page)").isBetween(200, 399));
        EntityExchangeResult<String> page = server().get().uri("/graphiql?path=/graphql").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(page.getResponseHeaders().getContentType()).isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.TEXT_HTML)).isTrue());
        assertThat(page.getResponseBody()).containsIgnoringCase("graphiql");
    }

    @Test
    void theDemoTokenEndpointIssuesATokenThatWorksInItsScope() {
        String token = server().get().uri("/demo/token?role=TOWN_OFFICER&region=440513005").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(token).isNotBlank();

        var officer = HttpGraphQlTester.create(http()).mutate()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.strip()).build();
        var response = officer.document("{ own: region(code: \"440513005\") { code population } "
                + "other: region(code: \"440513006\") { code } people(under: \"" + DISTRICT + "\") { totalCount } }").execute();
        int townPopulation = count(query("{ region(code: \"440513005\") { population } }"), "region.population");

        response.errors().verify();
        response.path("own.code").entity(String.class).isEqualTo("440513005")
                .path("own.population").entity(Integer.class).isEqualTo(townPopulation)
                .path("other").valueIsNull()
                .path("people.totalCount").entity(Integer.class).isEqualTo(townPopulation);
    }

    private void assertRejected(String token) {
        EntityExchangeResult<String> result = post(token);
        assertUnauthorizedWithoutData(result);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .as("WWW-Authenticate").startsWith("Bearer").contains("invalid_token");
    }

    private static void assertUnauthorizedWithoutData(EntityExchangeResult<String> result) {
        assertThat(result.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        String body = result.getResponseBody() == null ? "" : result.getResponseBody();
        assertThat(body).doesNotContain("\"data\"").doesNotContain(DISTRICT);
    }

    private EntityExchangeResult<String> post(String token) {
        return http().post().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(Map.of("query", QUERY)).exchange().expectBody(String.class).returnResult();
    }

    private WebTestClient server() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** The claims of a token the gateway accepts: a district administrator, valid for ten minutes. */
    private static Map<String, Object> validClaims() {
        Instant now = Instant.now();
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", DemoTokenIssuer.ISSUER);
        claims.put("aud", List.of("shanzhi"));
        claims.put("sub", "authentication-test");
        claims.put("iat", now);
        claims.put("exp", now.plus(Duration.ofMinutes(10)));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("roles", List.of(Role.DISTRICT_ADMIN.name()));
        claims.put("region", DISTRICT);
        claims.put("azp", "api-tests");
        return claims;
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new HashMap<>(claims);
        changed.put(name, value);
        return changed;
    }
}
