package shanzhi.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.GraphQlTransportException;

import shanzhi.api.LiveEvents;
import shanzhi.api.Role;
import shanzhi.gateway.sources.Department;

/**
 * The three subscriptions over graphql-ws and SSE: an event is resolved like a query result for
 * the subscriber (nested fields through the loaders, masking), only events under `under` and the
 * caller's scope arrive, rights are checked at subscribe time and again for every event.
 */
class LiveSubscriptionsTest extends LiveTestBase {
    private static final String GRID_EVENT = "fragment E on GridEvent { id category status description reportedAt "
            + "region { code name } reporter { name } persons { id name idNumber } }";
    private static final String REPORTED = "subscription($under: ID!) { gridEventReported(under: $under) { ...E } } "
            + GRID_EVENT;
    private static final String INCIDENT = "fragment I on Incident { id category subcategory occurredAt summary "
            + "region { code } policeStation { name } persons { id name idNumber } }";
    private static final String INCIDENTS = "subscription($under: ID!) { incidentReported(under: $under) { ...I } } "
            + INCIDENT;

    /** A party grid with at least two grid events, one of them naming persons, and its town. */
    private static String grid;
    private static String town;
    private static List<Long> eventsInGrid;
    private static long eventInTownOutsideGrid;
    private static long eventInOtherTown;
    private static long incident;

    /** After the shared context has loaded the demo district, so once per class. */
    @BeforeEach
    void fixture() {
        if (grid != null) {
            return;
        }
        grid = text(Department.GRID, "SELECT substr(g.cell_code, 1, 14) FROM grid_event g "
                + "JOIN grid_event_person p ON p.event_id = g.id GROUP BY 1 ORDER BY count(DISTINCT g.id) DESC, 1 LIMIT 1");
        town = grid.substring(0, 9);
        eventsInGrid = texts(Department.GRID, "SELECT g.id FROM grid_event g WHERE g.cell_code LIKE '" + grid + "%' "
                + "ORDER BY EXISTS (SELECT 1 FROM grid_event_person p WHERE p.event_id = g.id) DESC, g.id LIMIT 2")
                .stream().map(Long::valueOf).toList();
        assertThat(eventsInGrid).as("grid events in %s", grid).hasSize(2);
        eventInTownOutsideGrid = Long.parseLong(text(Department.GRID, "SELECT id FROM grid_event WHERE cell_code LIKE '"
                + town + "%' AND cell_code NOT LIKE '" + grid + "%' ORDER BY id LIMIT 1"));
        eventInOtherTown = Long.parseLong(text(Department.GRID, "SELECT id FROM grid_event WHERE cell_code NOT LIKE '"
                + town + "%' ORDER BY id LIMIT 1"));
        incident = Long.parseLong(text(Department.SECURITY, "SELECT i.id FROM incident i WHERE EXISTS "
                + "(SELECT 1 FROM incident_person p WHERE p.incident_id = i.id) ORDER BY i.id LIMIT 1"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aReportedEventIsResolvedForTheSubscriberAsAQueryWouldBeWithMaskedIdNumbers(Transport transport) {
        // JUDICIAL sees ID numbers masked (whole only for DISTRICT_ADMIN and POLICE).
        String token = token(Role.JUDICIAL, DISTRICT);
        Received received = subscribe(client(transport, token), REPORTED, vars("under", town));

        long event = eventsInGrid.get(0);
        publishGridEvent(LiveEvents.GRID_EVENT_REPORTED, event);
        received.awaitEvents(1);

        Map<String, Object> shown = single(received, "gridEventReported");
        Map<String, Object> queried = as(List.of(Role.JUDICIAL), DISTRICT, null)
                .document("query($id: ID!) { gridEvent(id: $id) { ...E } } " + GRID_EVENT).variables(vars("id", event))
                .execute().path("gridEvent").entity(MAP).get();
        assertThat(shown).isEqualTo(queried);
        assertThat(shown.get("reporter")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .extractingByKey("name").asString().isNotBlank();
        List<Map<String, Object>> persons = persons(shown);
        assertThat(persons).isNotEmpty().allSatisfy(person ->
                assertThat((String) person.get("idNumber")).matches("\\d{6}\\*{12}"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void policeSeeAReportedIncidentWithItsPersonsAndStationAsTheIncidentQueryShowsIt(Transport transport) {
        Received received = subscribe(client(transport, token(Role.POLICE, DISTRICT)), INCIDENTS, vars("under", DISTRICT));

        publishIncident(incident);
        received.awaitEvents(1);

        Map<String, Object> shown = single(received, "incidentReported");
        Map<String, Object> queried = as(List.of(Role.POLICE), DISTRICT, null)
                .document("query($id: ID!) { incident(id: $id) { ...I } } " + INCIDENT).variables(vars("id", incident))
                .execute().path("incident").entity(MAP).get();
        assertThat(shown).isEqualTo(queried);
        assertThat(persons(shown)).isNotEmpty().allSatisfy(person ->
                assertThat((String) person.get("idNumber")).doesNotContain("*"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGridWorkerSubscribedToTheirTownReceivesOnlyTheEventsOfTheirGridInOrder(Transport transport) {
        Received worker = subscribe(client(transport, token(Role.GRID_WORKER, grid)), REPORTED, vars("under", town));

        publishGridEvent(LiveEvents.GRID_EVENT_REPORTED, eventInTownOutsideGrid);
        publishGridEvent(LiveEvents.GRID_EVENT_REPORTED, eventsInGrid.get(0));
        publishGridEvent(LiveEvents.GRID_EVENT_REPORTED, eventInOtherTown);
        publishGridEvent(LiveEvents.GRID_EVENT_CHANGED, eventsInGrid.get(0));
        publishGridEvent(LiveEvents.GRID_EVENT_REPORTED, eventsInGrid.get(1));
        worker.awaitEvents(2);

        assertThat(ids(worker, "gridEventReported")).containsExactly(eventsInGrid.get(0), eventsInGrid.get(1));
        assertThat(worker.ended()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anEventOutsideUnderIsNotDeliveredEvenToTheWholeDistrict(Transport transport) {
        String village = grid.substring(0, 12);
        Received admin = subscribe(client(transport, token(Role.DISTRICT_ADMIN, DISTRICT)),
                "subscription($under: ID!) { gridEventChanged(under: $under) { id status } }", vars("under", village));

        publishGridEvent(LiveEvents.GRID_EVENT_CHANGED, eventInOtherTown);
        publishGridEvent(LiveEvents.GRID_EVENT_CHANGED, eventsInGrid.get(1));
        admin.awaitEvents(1);

        assertThat(ids(admin, "gridEventChanged")).containsExactly(eventsInGrid.get(1));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRoleThatMayNotSeeIncidentsIsForbiddenToSubscribeToThem(Transport transport) {
        Received refused = start(client(transport, token(Role.TOWN_OFFICER, town)), INCIDENTS, vars("under", town));
        refused.awaitEnd();

        assertOnlyError(refused, "FORBIDDEN", "incidentReported");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMalformedOrUnknownOrInvisibleRegionIsBadUserInput(Transport transport) {
        String officer = token(Role.TOWN_OFFICER, "440513007");
        Received malformed = start(client(transport, officer), REPORTED, vars("under", "4405"));
        Received unknown = start(client(transport, officer), REPORTED, vars("under", "440513999"));
        Received otherTown = start(client(transport, officer), REPORTED, vars("under", "440513008"));
        malformed.awaitEnd();
        unknown.awaitEnd();
        otherTown.awaitEnd();

        assertOnlyError(malformed, "BAD_USER_INPUT", "Malformed region code '4405'");
        assertOnlyError(unknown, "BAD_USER_INPUT", "Unknown region '440513999'");
        // Another town is as unknown to the officer as a town that does not exist: same error.
        assertOnlyError(otherTown, "BAD_USER_INPUT", "Unknown region '440513008'");
    }

    @Test
    void aWebSocketWithoutATokenOrWithABadOneIsClosedUnauthorized() {
        Received anonymous = start(webSocket(null), REPORTED, vars("under", town));
        Received forged = start(webSocket(token(Role.DISTRICT_ADMIN, DISTRICT) + "x"), REPORTED, vars("under", town));
        anonymous.awaitEnd();
        forged.awaitEnd();

        for (Received refused : List.of(anonymous, forged)) {
            assertThat(refused.events).isEmpty();
            // The client reports the close status only in its transport error's message.
            assertThat(refused.error).isInstanceOf(GraphQlTransportException.class)
                    .hasMessageContaining("CloseStatus[code=4401, reason=Unauthorized]");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anExpiredTokenEndsTheSubscriptionAtTheNextEvent(Transport transport) {
        Instant issued = Instant.now();
        Received received = subscribe(client(transport, token(Role.DISTRICT_ADMIN, DISTRICT, Duration.ofSeconds(2))),
                REPORTED, vars("under", town));
        // The token's exp has whole seconds: past issue + 3 s it has certainly expired.
        await().atMost(DEADLINE).until(() -> Instant.now().isAfter(issued.plusSeconds(3)));

        publishGridEvent(LiveEvents.GRID_EVENT_REPORTED, eventsInGrid.get(0));
        received.awaitEnd();

        assertOnlyError(received, "TOKEN_EXPIRED", "expired");
    }

    // --- helpers -----------------------------------------------------------------------------

    private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP =
            new org.springframework.core.ParameterizedTypeReference<>() { };

    private static Map<String, Object> single(Received received, String field) {
        List<ClientGraphQlResponse> events = received.list();
        assertThat(received.error).as("subscription error").isNull();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getErrors()).as("errors of the event").isEmpty();
        return events.get(0).field(field).getValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> persons(Map<String, Object> shown) {
        return (List<Map<String, Object>>) shown.get("persons");
    }

    private static List<Long> ids(Received received, String field) {
        assertThat(received.error).as("subscription error").isNull();
        List<Long> ids = new ArrayList<>();
        for (ClientGraphQlResponse event : received.list()) {
            assertThat(event.getErrors()).isEmpty();
            ids.add(Long.valueOf(event.field(field + ".id").<String>getValue()));
        }
        return ids;
    }

    /** Errors the subscription ended with: a graphql-ws "error" message, or the SSE stream's last "next". */
    private static List<ResponseError> errors(Received received) {
        if (received.error instanceof SubscriptionErrorException failed) {
            return failed.getErrors();
        }
        assertThat(received.error).as("subscription error").isNull();
        List<ResponseError> errors = new ArrayList<>();
        received.list().forEach(event -> errors.addAll(event.getErrors()));
        return errors;
    }

    private static void assertOnlyError(Received received, String code, String messagePart) {
        List<ResponseError> errors = errors(received);
        assertThat(errors).as("errors").hasSize(1);
        assertThat(errors.get(0).getExtensions()).as("extensions of %s", errors.get(0)).containsEntry("code", code);
        assertThat(errors.get(0).getMessage()).containsIgnoringCase(messagePart);
        assertThat(received.list().stream().filter(event -> event.getData() != null)).as("events with data").isEmpty();
    }
}
