package shanzhi.gateway.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.sources.Department;

/**
 * A record in the caller's scope may point at one outside it (an event in the worker's grid
 * reported by a worker of another grid, as older events and administrators' fixtures are): the
 * pointer reads null, and the rest of the list is served, instead of one record failing the page.
 */
class OutOfScopeReferenceApiTest extends ApiTestBase {

    @Test
    void anEventReportedByAWorkerOfAnotherGridShowsNoReporterAndBreaksNoList() {
        List<GridStore.Place> places = GridStore.places(2);
        GridStore.Place own = places.get(0);
        long foreignWorker = places.get(1).workerId();
        String description = "reported from elsewhere " + UUID.randomUUID();
        String foreign = GridStore.rows(Department.GRID, "INSERT INTO grid_event (category, status, description, "
                + "reported_at, cell_code, reporter_id) VALUES ('SANITATION', 'REPORTED', ?, now(), ?, ?) RETURNING id",
                description, own.cell(), foreignWorker).get(0).get(0);

        var response = as(List.of(Role.GRID_WORKER), own.grid(), own.workerId())
                .document("query($g: ID!) { region(code: $g) { gridEvents(first: 100) { edges { node { id reporter { id } } } } } }")
                .variables(Map.of("g", own.grid())).execute();

        response.errors().verify();
        List<Map<String, Object>> events = response.path("region.gridEvents.edges[*].node")
                .entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { }).get();
        assertThat(events).anySatisfy(event -> {
            assertThat(event.get("id")).isEqualTo(foreign);
            assertThat(event.get("reporter")).isNull();
        });
        // The administrator sees the same event with its reporter: the null is the scope, not the data.
        query("query($id: ID!) { gridEvent(id: $id) { reporter { id } } }", vars("id", foreign))
                .path("gridEvent.reporter.id").entity(String.class).isEqualTo(String.valueOf(foreignWorker));
    }
}
