package shanzhi.gateway.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import shanzhi.gateway.ApiTestBase;

/**
 * The demo issuer (GET /demo/token) issues only tokens whose scope fits the role, and only to
 * clients on this machine; a forwarded-for header naming another host changes nothing, because
 * the socket's peer decides (the refusal of a remote peer is specified in DemoTokenEndpointTest,
 * since every address a test can connect from on this machine is a loopback one).
 */
class DemoIssuerApiTest extends ApiTestBase {
    @LocalServerPort
    int gatewayPort;

    @Test
    void aLocalClientGetsATokenWhateverItsForwardedHeadersClaim() {
        var result = demo("/demo/token?role=TOWN_OFFICER&region=" + GridStore.TOWN, Map.of(
                "X-Forwarded-For", "203.0.113.9", "Forwarded", "for=203.0.113.9"));
        assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(claims(result.getResponseBody())).containsEntry("region", GridStore.TOWN);
    }

    @Test
    void aGridWorkerTokenWithoutAWorkerNamesTheFirstWorkerOfItsGrid() {
        GridStore.Place place = GridStore.places(1).get(0);
        var result = demo("/demo/token?role=GRID_WORKER&region=" + place.grid(), Map.of());
        assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(claims(result.getResponseBody())).containsEntry("region", place.grid())
                .containsEntry("worker_id", (int) place.workerId());
    }

    @Test
    void tokensThatDoNotFitTheRoleAreNotIssued() {
        List<GridStore.Place> places = GridStore.places(2);
        for (String query : List.of("role=GRID_WORKER&region=" + DISTRICT, "role=GRID_WORKER&region=" + GridStore.TOWN,
                "role=GRID_WORKER&region=" + places.get(1).grid() + "&worker=" + places.get(0).workerId(),
                "role=TOWN_OFFICER&region=" + DISTRICT, "role=TOWN_OFFICER&region=" + places.get(0).grid(),
                // only a grid worker's token names a worker: others would file events in that worker's name
                "role=TOWN_OFFICER&region=" + GridStore.TOWN + "&worker=" + places.get(0).workerId(),
                "role=DISTRICT_ADMIN&region=" + DISTRICT + "&worker=" + places.get(0).workerId())) {
            var result = demo("/demo/token?" + query, Map.of());
            assertThat(result.getStatus()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(result.getResponseBody()).as(query).doesNotStartWith("ey");
        }
    }

    private EntityExchangeResult<String> demo(String path, Map<String, String> headers) {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + gatewayPort)
                .responseTimeout(Duration.ofSeconds(30)).build();
        return client.get().uri(path).headers(h -> headers.forEach(h::add)).exchange()
                .expectBody(String.class).returnResult();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String token) {
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return new ObjectMapper().readValue(new String(payload, StandardCharsets.UTF_8), Map.class);
        } catch (Exception e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }
}
