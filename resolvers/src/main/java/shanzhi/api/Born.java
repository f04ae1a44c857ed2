package shanzhi.api;

import java.time.LocalDate;

/** A record with a birth date, which a mask condition (MaskCondition) may depend on. */
public interface Born {
    LocalDate birthDate();
}
