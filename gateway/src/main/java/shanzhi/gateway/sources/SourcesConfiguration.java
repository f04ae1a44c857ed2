package shanzhi.gateway.sources;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;

/**
 * One connection pool and one DatabaseClient per department: a slow store can only exhaust its
 * own pool. The repositories ask for the client by bean name (peopleDatabase, gridDatabase...).
 */
@Configuration(proxyBeanMethods = false)
public class SourcesConfiguration {

    @Bean(destroyMethod = "close")
    DepartmentStores departmentStores(SourcesProperties sources, DemoProperties demo) {
        return DepartmentStores.open(sources, demo);
    }

    @Bean
    StatementCounter statementCounter() {
        return new StatementCounter();
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool peoplePool(DepartmentStores stores, SourcesProperties sources) {
        return pool(Department.PEOPLE, stores, sources);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool gridPool(DepartmentStores stores, SourcesProperties sources) {
        return pool(Department.GRID, stores, sources);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool legalPool(DepartmentStores stores, SourcesProperties sources) {
        return pool(Department.LEGAL, stores, sources);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool securityPool(DepartmentStores stores, SourcesProperties sources) {
        return pool(Department.SECURITY, stores, sources);
    }

    @Bean
    DatabaseClient peopleDatabase(@Qualifier("peoplePool") ConnectionPool pool, StatementCounter counter) {
        return DatabaseClient.create(counter.counting(Department.PEOPLE, pool));
    }

    @Bean
    DatabaseClient gridDatabase(@Qualifier("gridPool") ConnectionPool pool, StatementCounter counter) {
        return DatabaseClient.create(counter.counting(Department.GRID, pool));
    }

    @Bean
    DatabaseClient legalDatabase(@Qualifier("legalPool") ConnectionPool pool, StatementCounter counter) {
        return DatabaseClient.create(counter.counting(Department.LEGAL, pool));
    }

    @Bean
    DatabaseClient securityDatabase(@Qualifier("securityPool") ConnectionPool pool, StatementCounter counter) {
        return DatabaseClient.create(counter.counting(Department.SECURITY, pool));
    }

    private static ConnectionPool pool(Department department, DepartmentStores stores, SourcesProperties sources) {
        Endpoint endpoint = stores.endpoint(department);
        SourcesProperties.Pool settings = sources.of(department).getPool();
        ConnectionFactory postgres = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(endpoint.host()).port(endpoint.port()).database(endpoint.database())
                .username(endpoint.username()).password(endpoint.password())
                .applicationName("shanzhi-" + department.key())
                .build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(postgres)
                .name(department.key())
                .initialSize(settings.getInitialSize())
                .maxSize(settings.getMaxSize())
                .maxIdleTime(settings.getMaxIdleTime())
                .maxAcquireTime(settings.getAcquireTimeout())
                .validationQuery("SELECT 1")
                .build());
    }
}
