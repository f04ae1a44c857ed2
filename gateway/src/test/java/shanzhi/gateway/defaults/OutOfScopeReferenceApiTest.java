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
 * reported by a worker of another grid, as older events and administrators' fixtures are; a
 * resident whose household is registered elsewhere): the pointer reads null, and the rest of the
 * list is served, instead of one record failing the page.
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

    @Test
    void aResidentWhoseHouseholdIsInAnotherGridShowsNoHouseholdAndBreaksNoPage() {
        List<GridStore.Place> places = GridStore.places(2);
        GridStore.Place own = places.get(0);
        String cell = GridStore.rows(Department.PEOPLE, "SELECT cell_code FROM person WHERE cell_code LIKE ? "
                + "GROUP BY cell_code HAVING count(*) BETWEEN 2 AND 50 ORDER BY cell_code LIMIT 1", own.grid() + "%").get(0).get(0);
        long household = 9_000_000_000L + (System.nanoTime() % 1_000_000_000L);
        long person = household;
        GridStore.rows(Department.PEOPLE, "INSERT INTO household (id, address, cell_code) VALUES (?, 'elsewhere', ?)",
                household, places.get(1).cell());
        GridStore.rows(Department.PEOPLE, "INSERT INTO person (id, name, id_number, gender, birth_date, residency, "
                + "party_member, household_id, cell_code) VALUES (?, 'out of scope fixture', ?, 'MALE', DATE '1990-01-01', "
                + "'FLOATING', false, ?, ?)", person, "T" + person, household, cell);

        var response = as(List.of(Role.GRID_WORKER), own.grid(), own.workerId())
                .document("query($g: ID!) { people(under: $g, first: 100) { edges { node { id household { id } } } } }")
                .variables(Map.of("g", cell)).execute();

        response.errors().verify();
        List<Map<String, Object>> residents = response.path("people.edges[*].node")
                .entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { }).get();
        assertThat(residents).hasSizeGreaterThan(1).hasSizeLessThan(100).anySatisfy(resident -> {
            assertThat(resident.get("id")).isEqualTo(String.valueOf(person));
            assertThat(resident.get("household")).isNull();
        });
        assertThat(residents).filteredOn(resident -> !resident.get("id").equals(String.valueOf(person)))
                .allSatisfy(resident -> assertThat(resident.get("household")).isNotNull());
    }
}
