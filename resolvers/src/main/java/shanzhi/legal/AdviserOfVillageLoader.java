package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.api.ScopedBatchLoader;

/** Reference data keyed by a region the caller already sees, so the scope adds no condition. */
@DgsDataLoader(name = AdviserOfVillageLoader.NAME)
public class AdviserOfVillageLoader extends ScopedBatchLoader<String, LegalAdviserRow> {
    public static final String NAME = "adviserOfVillage";
    private final LegalServiceRepository services;

    public AdviserOfVillageLoader(LegalServiceRepository services) {
        this.services = services;
    }

    @Override
    protected Mono<Map<String, LegalAdviserRow>> load(Set<String> keys, Scope scope) {
        return services.advisersOfVillages(keys);
    }
}
