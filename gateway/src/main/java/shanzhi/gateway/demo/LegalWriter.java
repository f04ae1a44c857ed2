package shanzhi.gateway.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Department legal: village legal advisers, a judicial office per town, disputes and parties. */
final class LegalWriter implements DepartmentWriter {
    /** Share of advisers who also serve the next village of the same town. */
    private static final double SECOND_VILLAGE = 0.2;

    private final long seed;
    private final RegionTree tree;
    private final DisputeGenerator disputes;

    LegalWriter(long seed, RegionTree tree, Population population, double scale) {
        this.seed = seed;
        this.tree = tree;
        this.disputes = new DisputeGenerator(seed, tree, population, scale);
    }

    @Override
    public String department() {
        return "legal";
    }

    @Override
    public List<String> tables() {
        return List.of("legal_adviser", "adviser_village", "judicial_office", "dispute", "dispute_party");
    }

    @Override
    public List<String> identityTables() {
        return List.of("dispute");
    }

    @Override
    public Map<String, Long> write(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        long[] adviserOfVillage = assignAdvisers();
        long advisers = adviserOfVillage[adviserOfVillage.length - 1];
        try (CopyStream out = CopyStream.open(connection, "legal_adviser", "id, name, law_firm, phone")) {
            SplittableRandom rnd = Rng.stream(seed, "legal-advisers", 0);
            for (long id = 1; id <= advisers; id++) {
                String firm = "广东" + Names.LAW_FIRM_CORES[rnd.nextInt(Names.LAW_FIRM_CORES.length)] + "律师事务所";
                out.number(id).text(Names.fullName(rnd, Rng.chance(rnd, 0.6))).text(firm).text(Names.mobile(rnd))
                    .endRow();
            }
            counts.put("legal_adviser", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "adviser_village", "village_code, adviser_id")) {
            for (RegionTree.Village v : tree.villages) {
                out.text(v.code()).number(adviserOfVillage[v.index()]).endRow();
            }
            counts.put("adviser_village", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "judicial_office", "id, name, town_code")) {
            for (RegionTree.Town t : tree.towns) {
                out.number(t.index() + 1).text(t.shortName() + "司法所").text(t.code()).endRow();
            }
            counts.put("judicial_office", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "dispute",
            "id, category, status, summary, reported_at, resolved_at, cell_code")) {
            disputes.forEach(d -> out.number(d.id()).text(d.category()).text(d.status()).text(d.summary())
                .raw(Times.format(d.reportedAt())).raw(d.resolvedAt() == 0 ? null : Times.format(d.resolvedAt()))
                .text(d.cell().code()).endRow());
            counts.put("dispute", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "dispute_party", "dispute_id, person_id")) {
            disputes.forEach(d -> {
                for (long p : d.parties()) {
                    out.number(d.id()).number(p).endRow();
                }
            });
            counts.put("dispute_party", out.rows());
        }
        return counts;
    }

    /** Adviser id per village index, ids from 1 in village order; some advisers take two neighbours. */
    private long[] assignAdvisers() {
        SplittableRandom rnd = Rng.stream(seed, "adviser-villages", 0);
        long[] adviser = new long[tree.villages.size()];
        long next = 0;
        for (int v = 0; v < adviser.length; v++) {
            boolean sharesPrevious = v > 0 && adviser[v - 1] != 0
                && tree.villages.get(v - 1).town() == tree.villages.get(v).town()
                && (v < 2 || adviser[v - 2] != adviser[v - 1])
                && Rng.chance(rnd, SECOND_VILLAGE);
            adviser[v] = sharesPrevious ? adviser[v - 1] : ++next;
        }
        return adviser;
    }
}
