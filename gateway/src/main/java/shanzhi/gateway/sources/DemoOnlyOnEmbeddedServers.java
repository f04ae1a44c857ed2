package shanzhi.gateway.sources;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo profile mints a district-admin token for any local caller who asks. That is fine on
 * the embedded servers (they hold generated data and die with the process), and a disaster in
 * front of real data: a forgotten SPRING_PROFILES_ACTIVE=prod would hand the residents' records to
 * anyone. So the demo profile refuses to start when a department, the audit store or Redis is a
 * configured server, unless {@value #ALLOW} says the risk was taken on purpose (the benchmark
 * and the test suite do; production never does).
 *
 * <p>A bean factory post-processor, so the check runs before any bean opens a connection or runs
 * a migration against the configured servers.
 */
@Component
@Profile("demo")
public class DemoOnlyOnEmbeddedServers implements BeanFactoryPostProcessor, EnvironmentAware {
    public static final String ALLOW = "shanzhi.demo.allow-demo-tokens-on-real-servers";
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    static void check(Environment environment) {
        Binder binder = Binder.get(environment);
        // The commands (load the demo district, verify the audit chain) exit without serving, so
        // they never issue a token; loading demo data into configured databases is their purpose.
        // Only without the web server: with it, the demo issuer would serve until the command ends.
        boolean command = (binder.bind("shanzhi.demo.load-only", Boolean.class).orElse(false)
                || binder.bind("shanzhi.audit.verify-only", Boolean.class).orElse(false))
                && "none".equalsIgnoreCase(binder.bind("spring.main.web-application-type", String.class).orElse(""));
        if (command || binder.bind(ALLOW, Boolean.class).orElse(false)) {
            return;
        }
        List<String> configured = new ArrayList<>();
        for (Department department : Department.values()) {
            String key = "shanzhi.sources." + department.key() + ".url";
            if (configured(binder, key)) {
                configured.add(key);
            }
        }
        for (String key : List.of("shanzhi.audit.url", "shanzhi.redis.url")) {
            if (configured(binder, key)) {
                configured.add(key);
            }
        }
        if (!configured.isEmpty()) {
            throw new IllegalStateException("Refusing to start the demo profile against configured servers ("
                    + String.join(", ", configured) + "): its token issuer (/demo/token) would let anyone "
                    + "read them as a district administrator. In production run with SPRING_PROFILES_ACTIVE=prod "
                    + "and a configured token issuer; to try the demo on your own throw-away servers anyway, "
                    + "set " + ALLOW + "=true.");
        }
    }

    private static boolean configured(Binder binder, String key) {
        return !binder.bind(key, String.class).map(String::isBlank).orElse(true);
    }
}
