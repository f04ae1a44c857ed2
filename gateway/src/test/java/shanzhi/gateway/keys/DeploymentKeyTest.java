package shanzhi.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A deployment key is configured, or generated only where nothing depends on it surviving: the demo. */
class DeploymentKeyTest {
    private static final String PROPERTY = "shanzhi.cursors.key";

    @Test
    void aConfiguredKeyIsUsedAsItIs() {
        byte[] key = new byte[32];
        key[0] = 7;
        MockEnvironment environment = new MockEnvironment().withProperty(PROPERTY, Base64.getEncoder().encodeToString(key));
        environment.setActiveProfiles("prod");
        assertThat(DeploymentKey.resolve(environment, PROPERTY, "cursor key")).isEqualTo(key);
    }

    @Test
    void theProdProfileRefusesToStartWithoutAKey() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("prod");
        assertThatThrownBy(() -> DeploymentKey.resolve(environment, PROPERTY, "cursor key"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(PROPERTY).hasMessageContaining("base64");
    }

    @Test
    void aKeyOfTheWrongSizeOrNotBase64IsRefusedEverywhere() {
        MockEnvironment environment = new MockEnvironment().withProperty(PROPERTY, Base64.getEncoder().encodeToString(new byte[16]));
        environment.setActiveProfiles("demo");
        assertThatThrownBy(() -> DeploymentKey.resolve(environment, PROPERTY, "cursor key")).hasMessageContaining("32 bytes");
        environment.setProperty(PROPERTY, "not base64 at all!");
        assertThatThrownBy(() -> DeploymentKey.resolve(environment, PROPERTY, "cursor key")).hasMessageContaining("base64");
    }

    @Test
    void theDemoGeneratesAFreshKeyEachStart() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("demo");
        byte[] one = DeploymentKey.resolve(environment, PROPERTY, "cursor key");
        assertThat(one).hasSize(32).isNotEqualTo(DeploymentKey.resolve(environment, PROPERTY, "cursor key"));
    }
}
