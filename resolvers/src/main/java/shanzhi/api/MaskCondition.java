package shanzhi.api;

import java.time.LocalDate;

/**
 * The conditions of schema/access.graphqls under which a mask applies (@masked(onlyFor: ...)).
 * The gateway's mask and the stores' filters ask the same method, so what a filter leaves out
 * is exactly what the caller sees masked.
 */
public enum MaskCondition {
    /**
     * The person may be under 14 today, judged by birth year alone (PIPL Art. 28): born on or
     * after 1 January of this year minus 14. A child who turns 14 this year stays masked until
     * the year ends, so the day a name is unmasked does not tell the birthday.
     */
    CHILD_UNDER_14;

    /** The first birth date this condition holds for on {@code today}. */
    public LocalDate firstBirthDate(LocalDate today) {
        return LocalDate.of(today.getYear() - 14, 1, 1);
    }

    /** Holds for the source (fails closed: a source without a birth date is treated as a child). */
    public boolean holdsFor(Object source, LocalDate today) {
        if (!(source instanceof Born born) || born.birthDate() == null) {
            return true;
        }
        return !born.birthDate().isBefore(firstBirthDate(today));
    }
}
