package shanzhi.people;



import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;

import reactor.core.publisher.Mono;
import shanzhi.api.Caller;
import shanzhi.api.ConfirmingLookup;
import shanzhi.api.LookupMisses;

/** The lookup by ID number: guarded, since a hit confirms a guess of a masked number (ConfirmingLookup). */
@DgsComponent
public class PeopleQueries {
    private final PeopleRepository people;
    private final LookupMisses misses;

    public PeopleQueries(PeopleRepository people, LookupMisses misses) {
        this.people = people;
        this.misses = misses;
    }

    @DgsQuery
    public Mono<PersonRow> personByIdNumber(@InputArgument String idNumber, DgsDataFetchingEnvironment env) {
        String valid = IdNumber.requireValid(idNumber);
        return ConfirmingLookup.guarded(env, misses, Mono.defer(() -> people.findByIdNumber(valid, Caller.of(env).scope())));
    }
}
