package shanzhi.people;

import java.time.LocalDate;
import java.util.List;

import shanzhi.api.Born;
import shanzhi.schema.types.Gender;
import shanzhi.schema.types.PersonTag;
import shanzhi.schema.types.Residency;

/** A resident as the people store holds it; householdId and cellCode lead to other fields. */
public record PersonRow(long id, String name, String idNumber, Gender gender, LocalDate birthDate, String phone,
                        Residency residency, boolean partyMember, List<PersonTag> tags, long householdId,
                        String cellCode) implements Born {
}
