package shanzhi.gateway.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.witness.Checkpoint;
import shanzhi.gateway.witness.Witness;
import shanzhi.gateway.witness.Witnesses;

/**
 * Every checkpoint interval, and once more on shutdown: verifies the chain from the last
 * verified point to its head, signs the head (sequence, hash, time) with this replica's key and
 * gives a copy to every witness. A broken chain is not checkpointed (a checkpoint says "verified
 * up to here"); an unchanged head is not either. A witness that cannot be written is logged and
 * shown in health, and gets the next checkpoint; the others still get this one. Runs on a thread
 * of its own: verification and witnesses are JDBC and files.
 */
public class CheckpointWriter implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);
    private final ChainVerifier verifier;
    private final SigningKeys keys;
    private final Witnesses witnesses;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, WitnessWrite> lastWrites = new ConcurrentHashMap<>();
    private final AtomicLong written = new AtomicLong();
    private volatile Checkpoint lastCheckpoint;
    private ScheduledExecutorService scheduler;

    public CheckpointWriter(ChainVerifier verifier, SigningKeys keys, Witnesses witnesses, Duration interval, Clock clock) {
        this.verifier = verifier;
        this.keys = keys;
        this.witnesses = witnesses;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Verifies and checkpoints now; the checkpoint written, or empty when there was nothing to
     * witness (no record, an unchanged head, a broken chain). Synchronised: the schedule, the
     * shutdown and an operator may ask at once.
     */
    public synchronized Optional<Checkpoint> checkpoint() {
        if (witnesses.all().isEmpty()) {
            return Optional.empty();
        }
        ChainVerifier.Verified verified = verifier.verifyToHead();
        ChainStatus status = verified.status();
        if (!status.valid() || status.records() == 0) {
            return Optional.empty();
        }
        Checkpoint previous = lastCheckpoint;
        if (previous != null && previous.sequence() == status.records() && Arrays.equals(previous.hash(), verified.headHash())
                && lastWrites.values().stream().allMatch(WitnessWrite::succeeded)) {
            return Optional.empty();
        }
        var takenAt = clock.instant();
        String keyId = keys.activeKeyId();
        byte[] signature = keys.sign(Checkpoint.message(status.records(), verified.headHash(), takenAt, keyId));
        Checkpoint checkpoint = new Checkpoint(status.records(), verified.headHash(), takenAt, keyId, signature);
        for (Witness witness : witnesses.all()) {
            try {
                witness.record(checkpoint);
                lastWrites.put(witness.name(), new WitnessWrite(checkpoint.sequence(), checkpoint.takenAt(), null));
            } catch (RuntimeException failure) {
                lastWrites.put(witness.name(), new WitnessWrite(checkpoint.sequence(), checkpoint.takenAt(),
                        failure.getMessage()));
                log.warn("Audit checkpoint {} could not be given to witness {}: {}", checkpoint.sequence(),
                        witness.name(), failure.getMessage());
            }
        }
        lastCheckpoint = checkpoint;
        written.incrementAndGet();
        return Optional.of(checkpoint);
    }

    /** Checkpoints written by this replica. */
    public long written() {
        return written.get();
    }

    /** Each witness's last write by this replica (for health): what it was given and whether it took it. */
    public Map<String, WitnessWrite> lastWrites() {
        Map<String, WitnessWrite> writes = new LinkedHashMap<>();
        witnesses.all().forEach(witness -> writes.put(witness.name(), lastWrites.get(witness.name())));
        return writes;
    }

    public Witnesses witnesses() {
        return witnesses;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || witnesses.all().isEmpty()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shanzhi-audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::scheduled, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void scheduled() {
        try {
            checkpoint();
        } catch (RuntimeException failure) {
            log.warn("Audit checkpoint not taken: {}", failure.getMessage());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        // The last records this replica wrote are witnessed before it goes.
        scheduled();
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /**
     * Stops after the web server (lower phases stop later), so the final checkpoint covers the
     * last requests, and before the stores close (at bean destruction).
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** A witness's last write: the checkpoint's sequence and time, and the failure if it did not take it. */
    public record WitnessWrite(long sequence, java.time.Instant takenAt, String failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }
}
