package shanzhi.grid;

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
import shanzhi.people.PeopleRepository;
import shanzhi.schema.types.GridEventStatus;
import shanzhi.schema.types.RegionLevel;
import shanzhi.schema.types.ReportGridEventInput;

@DgsComponent
public class GridEventMutations {
    private final GridEventRepository events;
    private final RegionRepository regions;
    private final GridWorkerRepository workers;
    private final PeopleRepository people;

    public GridEventMutations(GridEventRepository events, RegionRepository regions, GridWorkerRepository workers,
                              PeopleRepository people) {
        this.events = events;
        this.regions = regions;
        this.workers = workers;
        this.people = people;
    }

    /**
     * The caller files as themselves: reporterId must be the token's worker_id, whatever the role
     * (refused before anything is read or written). A retry (same key, same client and subject) is answered from the first call's event before any validation, so a
     * client that lost the first answer always gets it back; a new key is validated in full
     * before anything is written.
     */
    @DgsMutation
    public Mono<GridEventRow> reportGridEvent(@InputArgument ReportGridEventInput input, DgsDataFetchingEnvironment env) {
        Caller caller = Caller.of(env);
        Scope scope = caller.scope();
        Filer filer = Filer.of(caller);
        String key = MutationInput.idempotencyKey(input.getIdempotencyKey());
        String description = MutationInput.text("description", input.getDescription());
        String cell = RegionCode.requireLevel(input.getCellCode(), RegionLevel.CELL);
        long reporterId = Ids.parse(input.getReporterId(), "reporter");
        List<Long> personIds = Ids.parseAll(input.getPersonIds(), "person");
        MutationInput.requireSelfAsReporter(caller, reporterId);
        return events.findByIdempotencyKey(key, filer, scope).switchIfEmpty(Mono.defer(() ->
                MutationInput.requireCell(regions, cell, scope)
                        .then(workers.findByIds(List.of(reporterId), scope).hasElements())
                        .flatMap(known -> known ? Mono.empty()
                                : Mono.error(new BadUserInput("Unknown reporter: no grid worker with id " + reporterId)))
                        .then(MutationInput.requirePersons(people, personIds, scope))
                        .then(events.insert(key, filer, input.getCategory(), description, cell, reporterId, personIds))
                        .switchIfEmpty(Mono.defer(() -> events.findByIdempotencyKey(key, filer, scope)
                                .switchIfEmpty(Mono.error(MutationInput.keyTaken(key)))))));
    }

    @DgsMutation
    public Mono<GridEventRow> advanceGridEvent(@InputArgument String id, @InputArgument GridEventStatus to,
                                               @InputArgument String note, DgsDataFetchingEnvironment env) {
        Scope scope = Caller.of(env).scope();
        long eventId = Ids.parse(id, "grid event");
        if (to.ordinal() == 0) {
            throw new BadUserInput("Cannot move a grid event to " + to + ": it is the initial status");
        }
        GridEventStatus from = GridEventStatus.values()[to.ordinal() - 1];
        return events.advance(eventId, from, to, note, scope).switchIfEmpty(Mono.defer(() ->
                events.findByIds(List.of(eventId), scope).next()
                        .switchIfEmpty(Mono.error(new BadUserInput("No grid event with id " + eventId)))
                        .flatMap(current -> Mono.error(new BadUserInput("Cannot move grid event " + eventId
                                + " from " + current.status() + " to " + to + ": only "
                                + (current.status().ordinal() + 1 < GridEventStatus.values().length
                                ? GridEventStatus.values()[current.status().ordinal() + 1] : "nothing")
                                + " may follow " + current.status())))));
    }
}
