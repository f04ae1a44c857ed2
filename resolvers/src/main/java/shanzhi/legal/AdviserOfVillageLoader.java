package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;


@DgsDataLoader(name = AdviserOfVillageLoader.NAME)
public class AdviserOfVillageLoader implements MappedBatchLoader<String, LegalAdviserRow> {
    public static final String NAME = "adviserOfVillage";
    private final LegalServiceRepository services;

    public AdviserOfVillageLoader(LegalServiceRepository services) {
        this.services = services;
    }

    @Override
    public CompletionStage<Map<String, LegalAdviserRow>> load(Set<String> keys) {
        return services.advisersOfVillages(keys).toFuture();
    }
}
