package shanzhi.people;

import java.time.LocalDate;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;
import shanzhi.api.BadUserInput;
import shanzhi.api.DistrictTime;
import shanzhi.api.FilterRules;
import shanzhi.api.MaskCondition;
import shanzhi.api.Where;
import shanzhi.schema.types.PersonFilter;
import shanzhi.schema.types.PersonTag;
import shanzhi.schema.types.Residency;

/**
 * PersonFilter as a value (usable in batch keys) and as SQL conditions on alias `p`.
 *
 * @param namesBornBefore when set, nameContains matches only persons born before it: the caller
 *                        sees the names of the others masked (MaskCondition), and a filter must
 *                        not find what the caller cannot read
 */
public record PersonCriteria(String nameContains, PersonTag tag, Residency residency, Boolean partyMember,
                             LocalDate bornOnOrAfter, LocalDate bornOnOrBefore, LocalDate namesBornBefore) {

    public static final PersonCriteria NONE = new PersonCriteria(null, null, null, null, null, null, null);

    /** The filter of a resident connection, checked against the rules of the fields it follows. */
    public static PersonCriteria of(PersonFilter filter, DataFetchingEnvironment env) {
        if (filter == null) {
            return NONE;
        }
        if (filter.getBornOnOrAfter() != null && filter.getBornOnOrBefore() != null
                && filter.getBornOnOrAfter().isAfter(filter.getBornOnOrBefore())) {
            throw new BadUserInput("filter.bornOnOrAfter (" + filter.getBornOnOrAfter()
                    + ") is after filter.bornOnOrBefore (" + filter.getBornOnOrBefore() + ")");
        }
        Map<String, MaskCondition> matchOnlyWhole = FilterRules.check(env, "PersonFilter", env.getArgument("filter"));
        String name = filter.getNameContains();
        boolean byName = name != null && !name.isEmpty();
        MaskCondition nameMasked = matchOnlyWhole.get("nameContains");
        return new PersonCriteria(byName ? name : null, filter.getTag(), filter.getResidency(), filter.getPartyMember(),
                filter.getBornOnOrAfter(), filter.getBornOnOrBefore(),
                byName && nameMasked != null ? notMaskedBefore(nameMasked) : null);
    }

    /** Persons born before the returned date are those the condition does not hold for. */
    private static LocalDate notMaskedBefore(MaskCondition condition) {
        return switch (condition) {
            case CHILD_UNDER_14 -> condition.firstBirthDate(DistrictTime.today());
        };
    }

    Where where() {
        return new Where()
                .and("p.name LIKE :nameLike", "nameLike",
                        nameContains == null ? null : "%" + Where.likeLiteral(nameContains) + "%")
                .and("p.birth_date < :namesBornBefore", "namesBornBefore", namesBornBefore)
                .and("p.tags @> ARRAY[CAST(:tag AS text)]", "tag", tag == null ? null : tag.name())
                .and("p.residency = :residency", "residency", residency == null ? null : residency.name())
                .and("p.party_member = :partyMember", "partyMember", partyMember)
                .and("p.birth_date >= :bornFrom", "bornFrom", bornOnOrAfter)
                .and("p.birth_date <= :bornTo", "bornTo", bornOnOrBefore);
    }
}
