package shanzhi.people;

import java.util.List;

import com.netflix.graphql.dgs.DgsCodeRegistry;
import com.netflix.graphql.dgs.DgsComponent;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.idl.TypeDefinitionRegistry;
import shanzhi.api.BatchedField;

@DgsComponent
public class HouseholdFields {

    /** Per-item fields as plain fetchers (see BatchedField). */
    @DgsCodeRegistry
    public GraphQLCodeRegistry.Builder batchedFields(GraphQLCodeRegistry.Builder registry, TypeDefinitionRegistry types) {
        return registry
                .dataFetcher(FieldCoordinates.coordinates("Person", "household"),
                        new BatchedField<PersonRow, Long, HouseholdRow>(HouseholdLoader.NAME, PersonRow::householdId, null))
                .dataFetcher(FieldCoordinates.coordinates("Household", "members"),
                        new BatchedField<HouseholdRow, Long, List<PersonRow>>(HouseholdMembersLoader.NAME, HouseholdRow::id, List.of()));
    }
}
