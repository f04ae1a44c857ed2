package shanzhi.gateway.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import org.junit.jupiter.api.Test;

import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.sources.DemoOnlyOnEmbeddedServers;

/**
 * The demo profile (the default, with its open token issuer) does not start against configured
 * servers unless the setting that names the risk says so; the failure says what to do.
 */
class DemoProfileRefusalTest {

    @Test
    void theDemoProfileRefusesConfiguredServersWithoutTheExplicitSetting() {
        assertThat(startupFailure(Map.of(DemoOnlyOnEmbeddedServers.ALLOW, "false")))
                .contains("Refusing to start the demo profile against configured servers")
                .contains("shanzhi.sources.people.url", "shanzhi.audit.url", "shanzhi.redis.url",
                        "SPRING_PROFILES_ACTIVE=prod", DemoOnlyOnEmbeddedServers.ALLOW + "=true");
    }

    @Test
    void oneConfiguredStoreIsEnough() {
        assertThat(startupFailure(Map.of(DemoOnlyOnEmbeddedServers.ALLOW, "false",
                "shanzhi.sources.people.url", "", "shanzhi.sources.grid.url", "", "shanzhi.sources.legal.url", "",
                "shanzhi.sources.security.url", "", "shanzhi.redis.url", "")))
                .contains("(shanzhi.audit.url)");
    }

    /** The message of the innermost cause of the failed start. */
    static String startupFailure(Map<String, String> properties) {
        Throwable failure = catchThrowable(() -> GatewayInstance.start(properties).close());
        assertThat(failure).as("the start failed").isNotNull();
        while (failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure.getMessage();
    }
}
