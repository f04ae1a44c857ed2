package shanzhi.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque keyset cursors. A cursor names the last row of a page by its sort key, so the next page
 * is an index range scan, not an OFFSET. Each ordering has its own prefix, so a cursor taken
 * from one connection is rejected by another instead of silently paging wrong.
 */
public final class Cursor {
    private Cursor() {
    }

    /** Position in an id-ordered list. */
    public static String ofId(long id) {
        return encode("i:" + id);
    }

    /** Position in a code-ordered list of regions. */
    public static String ofCode(String code) {
        return encode("c:" + code);
    }

    /** Position in a newest-first list: the row's time and id (ties broken by id). */
    public static String ofTime(Instant at, long id) {
        return encode("t:" + at.getEpochSecond() + "." + at.getNano() + ":" + id);
    }

    public static Long idAfter(String cursor) {
        if (cursor == null) {
            return null;
        }
        String body = decode(cursor, "i:");
        try {
            return Long.parseLong(body);
        } catch (NumberFormatException e) {
            throw unknown(cursor);
        }
    }

    public static String codeAfter(String cursor) {
        if (cursor == null) {
            return null;
        }
        String body = decode(cursor, "c:");
        if (!body.chars().allMatch(Character::isDigit) || body.isEmpty()) {
            throw unknown(cursor);
        }
        return body;
    }

    public static TimeKey timeAfter(String cursor) {
        if (cursor == null) {
            return null;
        }
        String body = decode(cursor, "t:");
        try {
            int colon = body.indexOf(':');
            String[] instant = body.substring(0, colon).split("\\.");
            return new TimeKey(Instant.ofEpochSecond(Long.parseLong(instant[0]), Long.parseLong(instant[1])),
                    Long.parseLong(body.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw unknown(cursor);
        }
    }

    public record TimeKey(Instant at, long id) {
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor, String prefix) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unknown(cursor);
        }
        if (!raw.startsWith(prefix)) {
            throw unknown(cursor);
        }
        return raw.substring(prefix.length());
    }

    private static BadUserInput unknown(String cursor) {
        return new BadUserInput("Unknown cursor " + BadUserInput.echo(cursor) + " for this connection");
    }
}
