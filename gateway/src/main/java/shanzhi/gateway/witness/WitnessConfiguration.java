package shanzhi.gateway.witness;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.DepartmentStores;

/** The witnesses from shanzhi.evidence.witnesses.*, their tables migrated at start. */
@Configuration(proxyBeanMethods = false)
public class WitnessConfiguration {

    @Bean
    Witnesses witnesses(WitnessProperties properties, DepartmentStores stores) {
        List<Witness> witnesses = new ArrayList<>();
        for (String key : properties.getDepartments()) {
            Department department = Department.ofKey(key);
            witnesses.add(StoreWitness.migrated(department.key(), stores.endpoint(department)));
        }
        if (properties.getDirectory() != null) {
            witnesses.add(new DirectoryWitness("directory", properties.getDirectory()));
        }
        return new Witnesses(witnesses);
    }
}
