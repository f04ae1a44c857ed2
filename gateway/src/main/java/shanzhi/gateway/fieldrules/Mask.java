package shanzhi.gateway.fieldrules;

/**
 * The masks of schema/access.graphqls: keep a head and a tail, star the rest, one star per
 * character (a code point: names are Chinese), so the length shows and nothing else does.
 */
public enum Mask {
    /** 440513************: only the region of issue; birth date, sequence and check digit hidden. */
    ID_NUMBER(6, 0),
    /** 138****5678. */
    PHONE(3, 4),
    /** 张**: the surname (or its first character) and the length. */
    NAME(1, 0);

    private final int head;
    private final int tail;

    Mask(int head, int tail) {
        this.head = head;
        this.tail = tail;
    }

    public String apply(String value) {
        if (value == null) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length <= head + tail) {
            return "*".repeat(length);
        }
        int headEnd = value.offsetByCodePoints(0, head);
        int tailStart = value.offsetByCodePoints(0, length - tail);
        return value.substring(0, headEnd) + "*".repeat(length - head - tail) + value.substring(tailStart);
    }
}
