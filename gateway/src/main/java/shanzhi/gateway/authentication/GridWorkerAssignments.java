package shanzhi.gateway.authentication;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import reactor.core.publisher.Mono;
import shanzhi.api.Scope;
import shanzhi.grid.GridWorkerRepository;
import shanzhi.grid.GridWorkerRow;

/**
 * Which party grid each grid worker serves, from the grid store's grid_worker table, so that a
 * GRID_WORKER token is accepted only for the grid its worker_id serves. Answers are kept for a
 * short while (a reassigned worker's old-grid tokens stop working within {@link #KEEP}); a
 * failed lookup is not kept, and the caller fails closed on it.
 */
@Component
public class GridWorkerAssignments {
    static final Duration KEEP = Duration.ofSeconds(30);
    private final GridWorkerRepository workers;
    private final AsyncCache<Long, Optional<String>> gridOf = Caffeine.newBuilder()
            .maximumSize(50_000).expireAfterWrite(KEEP).buildAsync();

    public GridWorkerAssignments(GridWorkerRepository workers) {
        this.workers = workers;
    }

    /** The worker exists and serves exactly this grid; an error when the store cannot say. */
    public Mono<Boolean> serves(long workerId, String grid) {
        return Mono.fromFuture(() -> gridOf.get(workerId, (id, executor) ->
                        workers.findByIds(List.of(id), new Scope(grid)).next()
                                .map(row -> Optional.of(row.gridCode()))
                                .defaultIfEmpty(Optional.empty())
                                .toFuture()))
                .map(found -> found.filter(grid::equals).isPresent());
    }

    /** The worker of lowest id serving this grid (the demo issuer's default worker). */
    public Mono<Long> firstWorkerOf(String grid) {
        return workers.ofGrids(List.of(grid))
                .flatMap(byGrid -> Mono.justOrEmpty(byGrid.getOrDefault(grid, List.of()).stream()
                        .map(GridWorkerRow::id).min(Long::compare)));
    }
}
