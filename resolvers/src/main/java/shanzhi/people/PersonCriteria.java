package shanzhi.people;

import java.time.LocalDate;

import shanzhi.api.BadUserInput;
import shanzhi.api.Where;
import shanzhi.schema.types.PersonFilter;
import shanzhi.schema.types.PersonTag;
import shanzhi.schema.types.Residency;

/** PersonFilter as a value (usable in batch keys) and as SQL conditions on alias `p`. */
public record PersonCriteria(String nameContains, PersonTag tag, Residency residency, Boolean partyMember,
                             LocalDate bornOnOrAfter, LocalDate bornOnOrBefore) {

    public static final PersonCriteria NONE = new PersonCriteria(null, null, null, null, null, null);

    public static PersonCriteria of(PersonFilter filter) {
        if (filter == null) {
            return NONE;
        }
        if (filter.getBornOnOrAfter() != null && filter.getBornOnOrBefore() != null
                && filter.getBornOnOrAfter().isAfter(filter.getBornOnOrBefore())) {
            throw new BadUserInput("filter.bornOnOrAfter (" + filter.getBornOnOrAfter()
                    + ") is after filter.bornOnOrBefore (" + filter.getBornOnOrBefore() + ")");
        }
        String name = filter.getNameContains();
        return new PersonCriteria(name == null || name.isEmpty() ? null : name, filter.getTag(),
                filter.getResidency(), filter.getPartyMember(), filter.getBornOnOrAfter(), filter.getBornOnOrBefore());
    }

    Where where() {
        return new Where()
                .and("p.name LIKE :nameLike", "nameLike",
                        nameContains == null ? null : "%" + Where.likeLiteral(nameContains) + "%")
                .and("p.tags @> ARRAY[CAST(:tag AS text)]", "tag", tag == null ? null : tag.name())
                .and("p.residency = :residency", "residency", residency == null ? null : residency.name())
                .and("p.party_member = :partyMember", "partyMember", partyMember)
                .and("p.birth_date >= :bornFrom", "bornFrom", bornOnOrAfter)
                .and("p.birth_date <= :bornTo", "bornTo", bornOnOrBefore);
    }
}
