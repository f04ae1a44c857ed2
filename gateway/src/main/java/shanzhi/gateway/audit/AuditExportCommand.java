package shanzhi.gateway.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.witness.Witnesses;

/**
 * With shanzhi.audit.export.directory the gateway exports records from..to of the trail, every
 * witness's copies in that range and the public keys (TrailExport), prints what it wrote and
 * exits 0 (1 when the export failed): the evidence handed to an inspector for OfflineVerifier.
 */
@Component
class AuditExportCommand implements ApplicationRunner {
    private final AuditProperties audit;
    private final AuditStore store;
    private final Witnesses witnesses;
    private final SigningKeys keys;
    private final ApplicationContext context;

    AuditExportCommand(AuditProperties audit, AuditStore store, Witnesses witnesses, SigningKeys keys,
                       ApplicationContext context) {
        this.audit = audit;
        this.store = store;
        this.witnesses = witnesses;
        this.keys = keys;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuditProperties.Export export = audit.getExport();
        if (export.getDirectory() == null) {
            return;
        }
        int code;
        try {
            TrailExport.Header header = TrailExport.write(store.endpoint(), witnesses, keys, export.getFrom(), export.getTo(),
                    export.getDirectory());
            System.out.println("audit trail records " + header.from() + " to " + header.to() + " exported to "
                    + export.getDirectory().toAbsolutePath() + " with " + witnesses.all().size()
                    + " witness(es)' checkpoints and the public keys");
            code = 0;
        } catch (RuntimeException failure) {
            System.out.println("audit trail export failed: " + failure.getMessage());
            code = 1;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }
}
