package shanzhi.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import reactor.core.Disposable;
import shanzhi.api.LiveEvent;
import shanzhi.api.LiveEvents;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayInstance;

/** A mutation committed through one replica reaches LiveEvents on another (same stores, same Redis). */
class TwoReplicasLiveTest extends ApiTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static GatewayInstance other;

    @Autowired
    LiveEvents live;

    @BeforeAll
    static void startOther() {
        other = GatewayInstance.start(Map.of());
    }

    @AfterAll
    static void stopOther() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void aGridEventReportedThroughThisReplicaReachesTheOtherWithItsFields() throws Exception {
        String[] cell = OutboxTables.cellAndWorker();
        String description = "two replicas " + UUID.randomUUID();
        List<LiveEvent> onOther = new CopyOnWriteArrayList<>();
        List<LiveEvent> onThis = new CopyOnWriteArrayList<>();
        Disposable a = other.bean(LiveEvents.class).on(LiveEvents.GRID_EVENT_REPORTED)
                .filter(e -> description.equals(e.payload().get("description"))).subscribe(onOther::add);
        Disposable b = live.on(LiveEvents.GRID_EVENT_REPORTED)
                .filter(e -> description.equals(e.payload().get("description"))).subscribe(onThis::add);
        try {
            String id = asWorker(cell[1]).document("mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { id } }")
                    .variables(vars("input", vars("idempotencyKey", newKey(), "category", "SAFETY_HAZARD",
                            "description", description, "cellCode", cell[0], "reporterId", cell[1])))
                    .execute().path("reportGridEvent.id").entity(String.class).get();

            await().atMost(DEADLINE).until(() -> onOther.size() == 1 && onThis.size() == 1);
            LiveEvent event = onOther.get(0);
            assertThat(event.department()).isEqualTo("grid");
            assertThat(event.topic()).isEqualTo(LiveEvents.GRID_EVENT_REPORTED);
            assertThat(event.cellCode()).isEqualTo(cell[0]);
            assertThat(event.payload())
                    .containsEntry("category", "SAFETY_HAZARD")
                    .containsEntry("status", "REPORTED")
                    .containsEntry("cell_code", cell[0])
                    .containsKey("reported_at");
            assertThat(((Number) event.payload().get("id")).longValue()).isEqualTo(Long.parseLong(id));
            assertThat(((Number) event.payload().get("reporter_id")).longValue()).isEqualTo(Long.parseLong(cell[1]));
            assertThat(onThis.get(0)).as("both replicas see the same event").isEqualTo(event);
        } finally {
            a.dispose();
            b.dispose();
        }
    }
}
