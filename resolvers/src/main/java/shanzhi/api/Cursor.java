package shanzhi.api;

import java.time.Instant;

/**
 * Keyset positions: the last row of a page named by its sort key, so the next page is an index
 * range scan, not an OFFSET. Each ordering has its own prefix. A position never reaches a client
 * as it is: {@link Paging} seals it into an opaque cursor bound to its connection and caller, and
 * opens the client's cursor back into a position before a repository parses it here.
 */
public final class Cursor {
    private Cursor() {
    }

    /** Position in an id-ordered list. */
    public static String ofId(long id) {
        return "i:" + id;
    }

    /** Position in a code-ordered list of regions. */
    public static String ofCode(String code) {
        return "c:" + code;
    }

    /** Position in a newest-first list: the row's time and id (ties broken by id). */
    public static String ofTime(Instant at, long id) {
        return "t:" + at.getEpochSecond() + "." + at.getNano() + ":" + id;
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

    /** Only a position of this ordering parses (the sealing already keeps other connections' out). */
    private static String decode(String position, String prefix) {
        if (!position.startsWith(prefix)) {
            throw unknown(position);
        }
        return position.substring(prefix.length());
    }

    /** The position is the gateway's own text, not the client's: nothing of it is echoed. */
    private static BadUserInput unknown(String position) {
        return Cursors.unknown("");
    }
}
