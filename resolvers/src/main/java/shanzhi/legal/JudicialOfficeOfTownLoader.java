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
@DgsDataLoader(name = JudicialOfficeOfTownLoader.NAME)
public class JudicialOfficeOfTownLoader extends ScopedBatchLoader<String, JudicialOfficeRow> {
    public static final String NAME = "judicialOfficeOfTown";
    private final LegalServiceRepository services;

    public JudicialOfficeOfTownLoader(LegalServiceRepository services) {
        this.services = services;
    }

    @Override
    protected Mono<Map<String, JudicialOfficeRow>> load(Set<String> keys, Scope scope) {
        return services.officesOfTowns(keys);
    }
}
