package shanzhi.people;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import shanzhi.api.Ids;
import shanzhi.wiring.DepartmentFields;
import shanzhi.wiring.FieldTable;
import shanzhi.wiring.Source;

/**
 * The people store's binding table: residents and households, read in the caller's scope.
 * Region.population and Region.residents (counts and pages under a region) are in
 * RegionPeopleFields and PeopleQueries; personByIdNumber is a guarded lookup (PeopleQueries).
 */
@Component
public class PeopleFields implements DepartmentFields {
    private final PeopleRepository people;

    public PeopleFields(PeopleRepository people) {
        this.people = people;
    }

    @Override
    public void declare(FieldTable fields) {
        Source<Long, PersonRow> persons = fields.entity("Person", Source.records("Person",
                (ids, scope) -> people.findByIds(ids, scope).collectMap(PersonRow::id, Function.identity())));
        Source<Long, HouseholdRow> households = fields.entity("Household", Source.records("Household",
                (ids, scope) -> people.findHouseholds(ids, scope).collectMap(HouseholdRow::id, Function.identity())));

        fields.root("Query", "person", persons, env -> Ids.parse(env.getArgument("id"), "person"));
        fields.one("Person", "household", households, PersonRow::householdId);
        fields.many("Household", "members", Source.records("Household.members", people::membersOf), HouseholdRow::id);
    }
}
