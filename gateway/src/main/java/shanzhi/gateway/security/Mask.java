package shanzhi.gateway.security;

/** The masks of schema/access.graphqls: keep the ends, star the middle. */
public enum Mask {
    /** 440513********1234: the region of issue and the last four stay readable. */
    ID_NUMBER(6, 4),
    /** 138****5678. */
    PHONE(3, 4);

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
        if (value.length() <= head + tail) {
            return "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail) + value.substring(value.length() - tail);
    }
}
