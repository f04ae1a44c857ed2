package shanzhi.gateway.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/** With shanzhi.audit.verify-only the chain is verified and printed; exit 0 when valid, 1 when broken. */
@Component
class AuditVerifyOnly implements ApplicationRunner {
    private final AuditProperties audit;
    private final ChainVerifier verifier;
    private final ApplicationContext context;

    AuditVerifyOnly(AuditProperties audit, ChainVerifier verifier, ApplicationContext context) {
        this.audit = audit;
        this.verifier = verifier;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (audit.isVerifyOnly()) {
            ChainStatus status = verifier.verify();
            System.out.println(status);
            System.exit(SpringApplication.exit(context, () -> status.valid() ? 0 : 1));
        }
    }
}
