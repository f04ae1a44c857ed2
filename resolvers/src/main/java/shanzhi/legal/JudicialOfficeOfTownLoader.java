package shanzhi.legal;

import java.util.Map;
import java.util.Set;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;
import shanzhi.api.ScopeFilter;
import shanzhi.api.ScopedBatchLoader;

/**
 * Keyed by a town the caller already sees, so the scope removes nothing; it is applied anyway,
 * because the cached rows are shared by all callers.
 */
@DgsDataLoader(name = JudicialOfficeOfTownLoader.NAME)
public class JudicialOfficeOfTownLoader extends ScopedBatchLoader<String, JudicialOfficeRow> {
    public static final String NAME = "judicialOfficeOfTown";
    public static final ReferenceKind<String, JudicialOfficeRow> KIND =
            ReferenceKind.of("judicial-office-of-town", JudicialOfficeRow.class, "judicial_office");
    private final LegalServiceRepository services;
    private final ReferenceCache cache;

    public JudicialOfficeOfTownLoader(LegalServiceRepository services, ReferenceCache cache) {
        this.services = services;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<String, JudicialOfficeRow>> load(Set<String> keys, Scope scope) {
        return cache.getAll(KIND, keys, services::officesOfTowns)
                .map(found -> ScopeFilter.seen(found, scope, JudicialOfficeRow::townCode));
    }
}
