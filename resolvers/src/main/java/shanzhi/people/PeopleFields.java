package shanzhi.people;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import graphql.schema.DataFetchingEnvironment;
import shanzhi.api.Cursor;
import shanzhi.api.Ids;
import shanzhi.api.Page;
import shanzhi.api.ReferenceKind;
import shanzhi.api.RegionCode;
import shanzhi.grid.RegionRow;
import shanzhi.schema.types.PersonFilter;
import shanzhi.wiring.Arguments;
import shanzhi.wiring.DepartmentFields;
import shanzhi.wiring.FieldTable;
import shanzhi.wiring.Source;
import shanzhi.wiring.UnderRegion;

/**
 * The people store's binding table: residents and households, read in the caller's scope, and
 * residents under a region (pages, counts, the population). personByIdNumber is a guarded lookup
 * (PeopleQueries).
 */
@Component
public class PeopleFields implements DepartmentFields {
    /** Unfiltered resident counts (a region's population), narrowed to the caller's scope, cached by region. */
    public static final ReferenceKind<String, Integer> POPULATION = ReferenceKind.of("population", Integer.class, "person");
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

        Source<UnderRegion.PageKey<PersonCriteria>, Page<PersonRow>> residents =
                Source.pagesUnderRegion("residents", people::residentsUnder);
        Source<UnderRegion.CountKey<PersonCriteria>, Integer> residentCounts =
                Source.countsUnderRegion("residentCounts", people::countUnder, PersonCriteria.NONE, POPULATION);
        Function<DataFetchingEnvironment, PersonCriteria> filter =
                env -> PersonCriteria.of(Arguments.input(env, "filter", PersonFilter.class), env);

        fields.byArguments("Query", "person", persons, env -> Ids.parse(env.getArgument("id"), "person"));
        fields.connection("Query", "people", env -> RegionCode.requireValid(env.getArgument("under")), filter,
                residents, residentCounts, (PersonRow person) -> Cursor.ofId(person.id()));
        fields.connection("Region", "residents", FieldTable.parent(RegionRow::code), filter, residents, residentCounts,
                (PersonRow person) -> Cursor.ofId(person.id()));
        fields.count("Region", "population", FieldTable.parent(RegionRow::code), PersonCriteria.NONE, residentCounts);
        fields.one("Person", "household", households, PersonRow::householdId);
        fields.many("Household", "members", Source.records("Household.members", people::membersOf), HouseholdRow::id);
    }
}
