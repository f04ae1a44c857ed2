package shanzhi.gateway.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Department grid: the region tree, grid workers, grid events with persons and status history. */
final class GridWriter implements DepartmentWriter {
    private final long seed;
    private final RegionTree tree;
    private final GridEventGenerator events;

    GridWriter(long seed, RegionTree tree, Population population, double scale) {
        this.seed = seed;
        this.tree = tree;
        this.events = new GridEventGenerator(seed, tree, population, scale);
    }

    @Override
    public String department() {
        return "grid";
    }

    @Override
    public List<String> tables() {
        return List.of("region", "grid_worker", "grid_event", "grid_event_person", "grid_event_status_change");
    }

    @Override
    public List<String> identityTables() {
        return List.of("grid_event");
    }

    @Override
    public Map<String, Long> write(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (CopyStream out = CopyStream.open(connection, "region", "code, name, level, parent_code")) {
            out.text(RegionTree.DISTRICT_CODE).text(RegionTree.DISTRICT_NAME).text("DISTRICT").text(null).endRow();
            for (RegionTree.Town t : tree.towns) {
                out.text(t.code()).text(t.name()).text("TOWN").text(RegionTree.DISTRICT_CODE).endRow();
            }
            for (RegionTree.Village v : tree.villages) {
                out.text(v.code()).text(v.name()).text("VILLAGE").text(tree.townOf(v).code()).endRow();
            }
            for (RegionTree.Grid g : tree.grids) {
                out.text(g.code()).text(g.name()).text("GRID").text(tree.villages.get(g.village()).code()).endRow();
            }
            for (RegionTree.Cell c : tree.cells) {
                out.text(c.code()).text(c.name()).text("CELL").text(tree.grids.get(c.grid()).code()).endRow();
            }
            counts.put("region", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "grid_worker", "id, name, phone, party_member, grid_code")) {
            SplittableRandom rnd = Rng.stream(seed, "grid-worker-rows", 0);
            for (RegionTree.Grid g : tree.grids) {
                for (int w = 0; w < g.workerCount(); w++) {
                    boolean male = Rng.chance(rnd, 0.55);
                    out.number(g.firstWorkerId() + w).text(Names.fullName(rnd, male))
                        .text(Rng.chance(rnd, 0.97) ? Names.mobile(rnd) : null)
                        .bool(Rng.chance(rnd, 0.8)).text(g.code()).endRow();
                }
            }
            counts.put("grid_worker", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "grid_event",
            "id, category, status, description, reported_at, cell_code, reporter_id")) {
            events.forEach(e -> out.number(e.id()).text(e.category()).text(e.status()).text(e.description())
                .raw(Times.format(e.reportedAt())).text(e.cell().code()).number(e.reporterId()).endRow());
            counts.put("grid_event", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "grid_event_person", "event_id, person_id")) {
            events.forEach(e -> {
                for (long p : e.persons()) {
                    out.number(e.id()).number(p).endRow();
                }
            });
            counts.put("grid_event_person", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "grid_event_status_change",
            "event_id, from_status, to_status, note, changed_at")) {
            events.forEach(e -> {
                List<String> path = e.path();
                for (int s = 0; s < path.size(); s++) {
                    out.number(e.id()).text(s == 0 ? null : path.get(s - 1)).text(path.get(s))
                        .text(note(path.get(s))).raw(Times.format(e.changedAt()[s])).endRow();
                }
            });
            counts.put("grid_event_status_change", out.rows());
        }
        return counts;
    }

    private static String note(String status) {
        return switch (status) {
            case "REPORTED" -> "网格员上报";
            case "ACCEPTED" -> "村(社区)综治中心受理";
            case "ASSIGNED" -> "已派单至责任部门";
            case "RESOLVED" -> "责任部门处置完毕";
            default -> "回访群众满意，办结";
        };
    }
}
