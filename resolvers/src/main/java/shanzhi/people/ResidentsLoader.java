package shanzhi.people;

import java.util.List;
import java.util.Map;

import com.netflix.graphql.dgs.DgsDataLoader;

import reactor.core.publisher.Mono;
import shanzhi.api.Page;
import shanzhi.api.PageArgs;
import shanzhi.api.PagesUnderRegion;

/** A page of residents under each of many regions (Region.residents under a list, Query.people). */
@DgsDataLoader(name = ResidentsLoader.NAME)
public class ResidentsLoader extends PagesUnderRegion<PersonCriteria, PersonRow> {
    public static final String NAME = "residentsUnder";
    private final PeopleRepository people;

    public ResidentsLoader(PeopleRepository people) {
        this.people = people;
    }

    @Override
    protected Mono<Map<String, Page<PersonRow>>> pages(List<String> regionCodes, PersonCriteria criteria, PageArgs page) {
        return people.residentsUnder(regionCodes, criteria, page);
    }
}
