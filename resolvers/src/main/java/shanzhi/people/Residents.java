package shanzhi.people;

import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import shanzhi.api.Connection;
import shanzhi.api.ConnectionUnderRegion;
import shanzhi.api.Cursor;

/** The resident connection under a region, shared by Query.people and Region.residents. */
final class Residents {
    private Residents() {
    }

    static CompletableFuture<Connection<PersonRow>> page(DataFetchingEnvironment env, String regionCode,
                                                         PersonCriteria criteria) {
        return ConnectionUnderRegion.load(env, ResidentsLoader.NAME, ResidentCountLoader.NAME, regionCode, criteria,
                (PersonRow person) -> Cursor.ofId(person.id()));
    }
}
