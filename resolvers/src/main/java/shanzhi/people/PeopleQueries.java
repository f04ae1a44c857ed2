package shanzhi.people;

import java.util.concurrent.CompletableFuture;


import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;

import reactor.core.publisher.Mono;
import shanzhi.api.ScopedBatchLoader;
import shanzhi.api.Caller;
import shanzhi.api.ConfirmingLookup;
import shanzhi.api.Connection;
import shanzhi.api.LookupMisses;
import shanzhi.api.Ids;
import shanzhi.api.RegionCode;
import shanzhi.schema.types.PersonFilter;

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

    @DgsQuery
    public CompletableFuture<Connection<PersonRow>> people(@InputArgument String under,
                                                          @InputArgument PersonFilter filter,
                                                          DgsDataFetchingEnvironment env) {
        return Residents.page(env, RegionCode.requireValid(under), PersonCriteria.of(filter, env));
    }
}
