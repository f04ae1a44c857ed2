package shanzhi.gateway.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Department security: a police station per town, police rooms, incidents and involved persons. */
final class SecurityWriter implements DepartmentWriter {
    private static final double VILLAGES_WITH_ROOM = 0.6;
    /** The room the district's reports name; it must exist whatever the draw says. */
    private static final String PINNED_ROOM_TOWN = "和平镇";
    private static final String PINNED_ROOM_VILLAGE = "下寨社区";

    private final long seed;
    private final RegionTree tree;
    private final IncidentGenerator incidents;

    SecurityWriter(long seed, RegionTree tree, Population population, IncidentPlan plan) {
        this.seed = seed;
        this.tree = tree;
        this.incidents = new IncidentGenerator(seed, tree, population, plan);
    }

    @Override
    public String department() {
        return "security";
    }

    @Override
    public List<String> tables() {
        return List.of("police_station", "police_room", "incident", "incident_person");
    }

    @Override
    public List<String> identityTables() {
        return List.of("incident");
    }

    @Override
    public Map<String, Long> write(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (CopyStream out = CopyStream.open(connection, "police_station", "id, name, town_code")) {
            for (RegionTree.Town t : tree.towns) {
                out.number(stationId(t)).text(t.shortName() + "派出所").text(t.code()).endRow();
            }
            counts.put("police_station", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "police_room", "id, name, station_id, village_code")) {
            SplittableRandom rnd = Rng.stream(seed, "police-rooms", 0);
            long id = 1;
            for (RegionTree.Village v : tree.villages) {
                boolean drawn = Rng.chance(rnd, VILLAGES_WITH_ROOM);
                boolean pinned = v.name().equals(PINNED_ROOM_VILLAGE) && tree.townOf(v).name().equals(PINNED_ROOM_TOWN);
                if (drawn || pinned) {
                    out.number(id++).text(v.name() + "警务室").number(stationId(tree.townOf(v))).text(v.code()).endRow();
                }
            }
            counts.put("police_room", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "incident",
            "id, category, subcategory, occurred_at, status, summary, cell_code")) {
            incidents.forEach(i -> out.number(i.id()).text(i.category()).text(i.subcategory())
                .raw(Times.format(i.occurredAt())).text(i.status()).text(i.summary()).text(i.cell().code()).endRow());
            counts.put("incident", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "incident_person", "incident_id, person_id")) {
            incidents.forEach(i -> {
                for (long p : i.persons()) {
                    out.number(i.id()).number(p).endRow();
                }
            });
            counts.put("incident_person", out.rows());
        }
        return counts;
    }

    private static long stationId(RegionTree.Town t) {
        return t.index() + 1;
    }
}
