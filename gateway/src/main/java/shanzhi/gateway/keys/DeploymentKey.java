package shanzhi.gateway.keys;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * A secret of the deployment (32 bytes, base64 in a property), the same on every replica: the
 * cursor key, the audit trail's hash key. The rule is one for all of them: configured, it is
 * used; missing, it is generated for this run only under the demo profile or for a command that
 * serves nothing (web-application-type none); anywhere else the gateway refuses to start, since a
 * generated key would differ per replica and per restart (cursors that fail elsewhere, audit
 * hashes nobody can recompute).
 */
public final class DeploymentKey {
    public static final int BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(DeploymentKey.class);

    private DeploymentKey() {
    }

    public static byte[] resolve(Environment environment, String property, String purpose) {
        String configured = environment.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return decode(property, configured.trim());
        }
        boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
        boolean serving = !"none".equalsIgnoreCase(environment.getProperty("spring.main.web-application-type"));
        if (demo || !serving) {
            if (serving) {
                log.warn("{} is not set: generated a key for this run ({}); it is lost at restart and not "
                        + "shared with other replicas", property, purpose);
            }
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            return key;
        }
        throw new IllegalStateException(property + " is not set: it is the " + purpose + ", " + BYTES
                + " random bytes in base64, the same on every replica (e.g. `openssl rand -base64 32`)");
    }

    private static byte[] decode(String property, String value) {
        byte[] key;
        try {
            key = value.contains("-") || value.contains("_") ? Base64.getUrlDecoder().decode(value)
                    : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (key.length != BYTES) {
            throw new IllegalStateException(property + " must be " + BYTES + " bytes (base64), got " + key.length);
        }
        return key;
    }
}
