package shanzhi.gateway.sources;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A password for a server the gateway starts itself (the embedded PostgreSQL and Redis): random
 * on every start, held only in memory and never logged, so another local user cannot log in.
 */
public final class GeneratedPassword {
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPassword() {
    }

    /** 192 random bits, URL-safe (it goes into redis:// URLs and SQL literals unescaped). */
    public static String next() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
