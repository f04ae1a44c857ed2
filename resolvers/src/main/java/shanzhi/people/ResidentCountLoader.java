package shanzhi.people;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.CountsUnderRegion;

/** Residents counted under each of many regions: Region.population and residents' totalCount. */
@DgsDataLoader(name = ResidentCountLoader.NAME)
public class ResidentCountLoader extends CountsUnderRegion<PersonCriteria> {
    public static final String NAME = "residentCount";
    private final PeopleRepository people;

    public ResidentCountLoader(PeopleRepository people) {
        this.people = people;
    }

    @Override
    protected Mono<Map<String, Integer>> counts(List<String> regionCodes, PersonCriteria criteria) {
        return people.countUnder(regionCodes, criteria);
    }
}
