package shanzhi.people;

import java.util.regex.Pattern;

import shanzhi.api.BadUserInput;

/** GB 11643 resident ID numbers: 17 digits and an ISO 7064 MOD 11-2 check character. */
public final class IdNumber {
    private static final Pattern SHAPE = Pattern.compile("[0-9]{17}[0-9X]"); // ASCII only
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumber() {
    }

    /** The number in canonical form (upper-case X), or BAD_USER_INPUT saying what is wrong. */
    public static String requireValid(String idNumber) {
        String candidate = idNumber == null ? "" : idNumber.trim().toUpperCase();
        if (!SHAPE.matcher(candidate).matches()) {
            throw new BadUserInput("Malformed ID number " + BadUserInput.echo(idNumber) + ": expected 17 digits and a check digit or X");
        }
        char expected = checkCharacter(candidate.substring(0, 17));
        if (candidate.charAt(17) != expected) {
            throw new BadUserInput("ID number " + BadUserInput.echo(idNumber) + " has a wrong check digit: expected " + expected);
        }
        return candidate;
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }
}
