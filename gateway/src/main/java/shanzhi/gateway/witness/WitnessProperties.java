package shanzhi.gateway.witness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * shanzhi.evidence.witnesses.*: where copies of the audit chain's signed checkpoints are kept and
 * how often one is taken. Each named department store keeps a table of copies; {@code directory}
 * adds a directory (ideally write-once storage). Records appended after the last checkpoint are
 * protected by their signatures only, so the interval is the window in which the audit store's
 * owner could still drop the newest records unnoticed.
 */
@ConfigurationProperties("shanzhi.evidence.witnesses")
public class WitnessProperties {
    /** Department stores that keep copies (people, grid, legal, security). */
    private List<String> departments = List.of("people", "grid", "legal", "security");
    /** A directory that keeps one file per checkpoint; unset: none. */
    private Path directory;
    /** How often the chain head is checkpointed (also on shutdown); an unchanged head is not. */
    private Duration checkpointInterval = Duration.ofMinutes(1);

    public List<String> getDepartments() { return departments; }
    public void setDepartments(List<String> departments) { this.departments = departments; }
    public Path getDirectory() { return directory; }
    public void setDirectory(Path directory) { this.directory = directory; }
    public Duration getCheckpointInterval() { return checkpointInterval; }
    public void setCheckpointInterval(Duration checkpointInterval) { this.checkpointInterval = checkpointInterval; }
}
