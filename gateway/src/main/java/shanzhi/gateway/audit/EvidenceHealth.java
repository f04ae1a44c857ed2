package shanzhi.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * /actuator/health/auditEvidence: the last verification of the chain and each witness's last
 * checkpoint from this replica. DOWN when the chain was found broken (an alarm: someone changed
 * the evidence); a witness that did not take its copy is shown but keeps it UP, since the other
 * witnesses still hold theirs and the next checkpoint retries. Not part of readiness: a replica
 * keeps serving and auditing while the operators investigate. Reads only what the checkpoint
 * writer and the verifier remembered: no I/O.
 */
@Component("auditEvidence")
class EvidenceHealth implements HealthIndicator {
    private final ChainVerifier verifier;
    private final CheckpointWriter checkpoints;

    EvidenceHealth(ChainVerifier verifier, CheckpointWriter checkpoints) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
    }

    @Override
    public Health health() {
        var status = verifier.lastStatus();
        Health.Builder health = status.map(chain -> chain.valid() ? Health.up() : Health.down()).orElse(Health.up());
        health.withDetail("chain", status.map(ChainStatus::toString).orElse("not verified yet"));
        Map<String, Object> witnesses = new LinkedHashMap<>();
        checkpoints.lastWrites().forEach((name, write) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            if (write == null) {
                detail.put("lastCheckpoint", "none written yet");
            } else {
                detail.put("lastCheckpoint", write.sequence());
                detail.put("takenAt", write.takenAt().toString());
                detail.put("written", write.succeeded());
                if (!write.succeeded()) {
                    detail.put("error", write.failure());
                }
            }
            status.flatMap(chain -> chain.witnesses().stream().filter(w -> w.name().equals(name)).findFirst())
                    .ifPresent(seen -> detail.put("agrees", seen.agrees()));
            witnesses.put(name, detail);
        });
        return health.withDetail("witnesses", witnesses).build();
    }
}
