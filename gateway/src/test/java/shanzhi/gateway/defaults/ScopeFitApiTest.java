package shanzhi.gateway.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * A role's scope must fit the role, whoever signed the token: a grid worker's token is for one
 * party grid and names a worker serving it (checked against the grid store), a town officer's
 * for one town. Tokens that would widen what the role sees are 401 with the reason, no data.
 */
class ScopeFitApiTest extends ApiTestBase {

    @Test
    void aGridWorkerTokenForItsOwnGridAndWorkerIsServed() {
        GridStore.Place place = GridStore.places(1).get(0);
        var result = post(token(List.of(Role.GRID_WORKER), place.grid(), place.workerId()), place.grid());
        assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(result.getResponseBody()).contains(place.grid()).doesNotContain("errors");
    }

    @Test
    void districtWideAndTownWideGridWorkerTokensAreRefused() {
        GridStore.Place place = GridStore.places(1).get(0);
        assertRefused(token(List.of(Role.GRID_WORKER), DISTRICT, place.workerId()), "must be a GRID code");
        assertRefused(token(List.of(Role.GRID_WORKER), GridStore.TOWN, place.workerId()), "must be a GRID code");
        assertRefused(token(List.of(Role.GRID_WORKER), place.cell(), place.workerId()), "must be a GRID code");
    }

    @Test
    void aGridWorkerTokenMustNameAWorkerWhoServesItsGrid() {
        List<GridStore.Place> places = GridStore.places(2);
        String grid = places.get(1).grid();
        assertRefused(token(List.of(Role.GRID_WORKER), grid, null), "must name its worker_id");
        assertRefused(token(List.of(Role.GRID_WORKER), grid, places.get(0).workerId()), "does not serve grid " + grid);
        assertRefused(token(List.of(Role.GRID_WORKER), grid, 987_654_321L), "does not serve grid " + grid);
    }

    @Test
    void aTownOfficerTokenIsForOneTown() {
        assertRefused(token(List.of(Role.TOWN_OFFICER), DISTRICT, null), "must be a TOWN code");
        assertRefused(token(List.of(Role.POLICE, Role.TOWN_OFFICER), DISTRICT, null), "must be a TOWN code");
        assertThat(post(token(List.of(Role.TOWN_OFFICER), GridStore.TOWN, null), GridStore.TOWN).getStatus())
                .isEqualTo(HttpStatus.OK);
    }

    private String token(List<Role> roles, String region, Long worker) {
        return tokens.issue("scope-fit-" + roles.get(0).name().toLowerCase(), roles, region, worker, "api-tests",
                Duration.ofMinutes(5));
    }

    private void assertRefused(String token, String reason) {
        var result = post(token, GridStore.TOWN);
        assertThat(result.getStatus()).as(reason).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(result.getResponseBody() == null ? "" : result.getResponseBody()).doesNotContain("\"data\"");
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as("WWW-Authenticate")
                .contains("invalid_token").contains(reason);
    }

    private EntityExchangeResult<String> post(String token, String region) {
        return http().post().header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"{ region(code: \\\"" + region + "\\\") { code name } }\"}")
                .exchange().expectBody(String.class).returnResult();
    }
}
