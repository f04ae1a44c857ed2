package shanzhi.gateway.audit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;

/**
 * Tells operators what blocks the trail when an append collides with a row planted beyond the
 * chain head (the trigger gives the new record that row's sequence and the primary key refuses
 * it): every request that reads personal data then fails closed, and only the tables' owner can
 * move the row aside (db/audit V7, audit_quarantine_strays()). Said at most once a minute.
 */
final class StrayRecord {
    private static final Logger log = LoggerFactory.getLogger(StrayRecord.class);
    private static final long QUIET_NANOS = Duration.ofMinutes(1).toNanos();
    private static final AtomicLong lastSaid = new AtomicLong(System.nanoTime() - QUIET_NANOS);

    private StrayRecord() {
    }

    static void explain(Throwable failure) {
        if (!(failure instanceof R2dbcDataIntegrityViolationException violation)
                || violation.getMessage() == null || !violation.getMessage().contains("audit_record_pkey")) {
            return;
        }
        long now = System.nanoTime();
        long said = lastSaid.get();
        if (now - said >= QUIET_NANOS && lastSaid.compareAndSet(said, now)) {
            log.error("AUDIT TRAIL BLOCKED: a row beyond the chain head holds the next sequence, so no record can be "
                    + "appended and personal data is refused. As the audit tables' owner run "
                    + "SELECT audit_quarantine_strays(); (it moves such rows to audit_stray_record). See README, "
                    + "\"Repairing a blocked trail\". ({})", violation.getMessage());
        }
    }
}
