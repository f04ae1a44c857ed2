package shanzhi.gateway.demo;

import java.time.LocalDate;

/** GB 11643 resident ID numbers: area, birth date, sequence, ISO 7064 MOD 11-2 check digit. */
public final class IdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumber() {
    }

    /** The sequence's parity carries the gender (odd = male), so callers pass a matching sequence. */
    public static String of(String area, LocalDate birth, int sequence) {
        if (area.length() != 6 || sequence < 0 || sequence > 999) {
            throw new IllegalArgumentException("bad area or sequence: " + area + "/" + sequence);
        }
        StringBuilder b = new StringBuilder(18).append(area);
        appendPadded(b, birth.getYear(), 4);
        appendPadded(b, birth.getMonthValue(), 2);
        appendPadded(b, birth.getDayOfMonth(), 2);
        appendPadded(b, sequence, 3);
        return b.append(checkDigit(b)).toString();
    }

    public static char checkDigit(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    public static boolean isValid(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return false;
            }
        }
        return checkDigit(id) == id.charAt(17);
    }

    private static void appendPadded(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }
}
