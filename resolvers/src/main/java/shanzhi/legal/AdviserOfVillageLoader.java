package shanzhi.legal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.ReferenceCache;
import shanzhi.api.ReferenceKind;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/**
 * Keyed by a village the caller already sees, so the scope removes nothing; it is applied anyway
 * (to the key: an adviser row has no place of its own), because cached rows are shared by all callers.
 */
@DgsDataLoader(name = AdviserOfVillageLoader.NAME)
public class AdviserOfVillageLoader extends ScopedBatchLoader<String, LegalAdviserRow> {
    public static final String NAME = "adviserOfVillage";
    public static final ReferenceKind<String, LegalAdviserRow> KIND =
            ReferenceKind.of("adviser-of-village", LegalAdviserRow.class, "legal_adviser", "adviser_village");
    private final LegalServiceRepository services;
    private final ReferenceCache cache;

    public AdviserOfVillageLoader(LegalServiceRepository services, ReferenceCache cache) {
        this.services = services;
        this.cache = cache;
    }

    @Override
    protected Mono<Map<String, LegalAdviserRow>> load(Set<String> keys, Scope scope) {
        return cache.getAll(KIND, keys, services::advisersOfVillages).map(found -> {
            Map<String, LegalAdviserRow> visible = new HashMap<>(found);
            visible.keySet().removeIf(village -> !scope.sees(village));
            return visible;
        });
    }
}
