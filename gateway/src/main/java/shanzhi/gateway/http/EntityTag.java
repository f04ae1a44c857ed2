package shanzhi.gateway.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * A strong entity tag: the SHA-256 of the response body (as sent before any content coding), so
 * two answers share a tag exactly when their bytes are equal.
 */
record EntityTag(String value) {

    static EntityTag of(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new EntityTag("\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * Whether an If-None-Match header (its values, each possibly a list) names this tag, by the
     * weak comparison RFC 9110 prescribes for If-None-Match ({@code W/"x"} matches {@code "x"}).
     */
    boolean matchesAnyOf(List<String> ifNoneMatch) {
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*")) {
                    return true;
                }
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }
}
