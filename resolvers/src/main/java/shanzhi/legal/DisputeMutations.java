package shanzhi.legal;

import java.util.List;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;

import reactor.core.publisher.Mono;
import shanzhi.api.BadUserInput;
import shanzhi.api.Caller;
import shanzhi.api.Filer;
import shanzhi.api.Scope;
import shanzhi.api.Ids;
import shanzhi.api.MutationInput;
import shanzhi.api.RegionCode;
import shanzhi.grid.RegionRepository;
import shanzhi.people.PeopleRepository;
import shanzhi.schema.types.RegionLevel;
import shanzhi.schema.types.RegisterDisputeInput;

@DgsComponent
public class DisputeMutations {
    private final DisputeRepository disputes;
    private final RegionRepository regions;
    private final PeopleRepository people;

    public DisputeMutations(DisputeRepository disputes, RegionRepository regions, PeopleRepository people) {
        this.disputes = disputes;
        this.regions = regions;
        this.people = people;
    }

    /** Same idempotency rule as reportGridEvent: a known key answers with the first dispute. */
    @DgsMutation
    public Mono<DisputeRow> registerDispute(@InputArgument RegisterDisputeInput input, DgsDataFetchingEnvironment env) {
        Caller caller = Caller.of(env);
        Scope scope = caller.scope();
        Filer filer = Filer.of(caller);
        String key = MutationInput.idempotencyKey(input.getIdempotencyKey());
        String summary = MutationInput.text("summary", input.getSummary());
        String cell = RegionCode.requireLevel(input.getCellCode(), RegionLevel.CELL);
        List<Long> partyIds = Ids.parseAll(input.getPartyIds(), "party");
        if (partyIds.size() < 2) {
            throw new BadUserInput("A dispute needs at least two different parties, got " + partyIds.size());
        }
        return disputes.findByIdempotencyKey(key, filer, scope).switchIfEmpty(Mono.defer(() ->
                MutationInput.requireCell(regions, cell, scope)
                        .then(MutationInput.requirePersons(people, partyIds, scope))
                        .then(disputes.insert(key, filer, input.getCategory(), summary, cell, partyIds))
                        .switchIfEmpty(Mono.defer(() -> disputes.findByIdempotencyKey(key, filer, scope)
                                .switchIfEmpty(Mono.error(MutationInput.keyTaken(key)))))));
    }
}
