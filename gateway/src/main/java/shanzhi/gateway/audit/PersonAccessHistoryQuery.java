package shanzhi.gateway.audit;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;

import shanzhi.api.Connection;
import shanzhi.api.Cursor;
import shanzhi.api.Ids;
import shanzhi.api.LoadContext;
import shanzhi.api.Paging;
import shanzhi.people.PersonRow;
import shanzhi.wiring.FieldWiring;

/**
 * Query.personAccessHistory: who read a person's record, from the audit trail. Who may ask is the
 * field's @allow; whether the person may be asked about is the people store's scoped lookup
 * (the Person entity, as Query.person), so a person outside the caller's scope is null like a missing
 * one. The history is the person's only after that: the trail is not read for anyone else. The
 * read is itself audited as a read of the person (AuditInstrumentation, PERSON_SUBJECTS).
 * No @purpose: it is a single-person read answering that person's own request (README).
 */
@DgsComponent
public class PersonAccessHistoryQuery {
    private final PersonAccessHistory history;
    private final FieldWiring fields;

    public PersonAccessHistoryQuery(PersonAccessHistory history, FieldWiring fields) {
        this.history = history;
        this.fields = fields;
    }

    @DgsQuery
    public CompletableFuture<Connection<AccessEvent>> personAccessHistory(@InputArgument String personId,
                                                                         DgsDataFetchingEnvironment env) {
        long id = Ids.parse(personId, "person");
        // Bound to the field, its personId and the caller: a cursor opens on this history only.
        Paging paging = Paging.of(env, null);
        Long before = Cursor.idAfter(paging.page().after());
        CompletableFuture<PersonRow> person = fields.load(env, "Person", id);
        return person.thenCompose(found -> found == null ? CompletableFuture.<Connection<AccessEvent>>completedFuture(null)
                        : history.page(id, before, paging.page())
                                .map(page -> paging.connection(page, (AccessEvent event) -> Cursor.ofId(event.sequence()),
                                        () -> {
                                            throw new UnsupportedOperationException("PersonAccessConnection has no totalCount");
                                        }))
                                .toFuture())
                // The trail answers on an R2DBC thread; the engine goes on on the request's own executor.
                .thenApplyAsync(Function.identity(), LoadContext.of(env).completions());
    }

    /** `case` is a Java keyword: the purpose's case number is read here. */
    @DgsData(parentType = "AccessEventPurpose", field = "case")
    public String caseNumber(DgsDataFetchingEnvironment env) {
        AccessPurpose purpose = env.getSource();
        return purpose.caseNumber();
    }
}
