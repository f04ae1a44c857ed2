package shanzhi.legal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.dataloader.MappedBatchLoader;

import com.netflix.graphql.dgs.DgsDataLoader;


@DgsDataLoader(name = JudicialOfficeOfTownLoader.NAME)
public class JudicialOfficeOfTownLoader implements MappedBatchLoader<String, JudicialOfficeRow> {
    public static final String NAME = "judicialOfficeOfTown";
    private final LegalServiceRepository services;

    public JudicialOfficeOfTownLoader(LegalServiceRepository services) {
        this.services = services;
    }

    @Override
    public CompletionStage<Map<String, JudicialOfficeRow>> load(Set<String> keys) {
        return services.officesOfTowns(keys).toFuture();
    }
}
