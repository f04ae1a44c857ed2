package shanzhi.gateway.sources;

import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import shanzhi.gateway.observability.StoreObservations;
import shanzhi.gateway.resilience.GuardedDatabaseClient;
import shanzhi.gateway.resilience.SourceGuards;

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
    DatabaseClient peopleDatabase(@Qualifier("peoplePool") ConnectionPool pool, StatementCounter counter,
                                  SourceGuards guards, StoreObservations observations) {
        return client(Department.PEOPLE, pool, counter, guards, observations);
    }

    @Bean
    DatabaseClient gridDatabase(@Qualifier("gridPool") ConnectionPool pool, StatementCounter counter,
                                SourceGuards guards, StoreObservations observations) {
        return client(Department.GRID, pool, counter, guards, observations);
    }

    @Bean
    DatabaseClient legalDatabase(@Qualifier("legalPool") ConnectionPool pool, StatementCounter counter,
                                 SourceGuards guards, StoreObservations observations) {
        return client(Department.LEGAL, pool, counter, guards, observations);
    }

    @Bean
    DatabaseClient securityDatabase(@Qualifier("securityPool") ConnectionPool pool, StatementCounter counter,
                                    SourceGuards guards, StoreObservations observations) {
        return client(Department.SECURITY, pool, counter, guards, observations);
    }

    @Bean
    SourceGuards sourceGuards(SourcesProperties sources) {
        return new SourceGuards(sources);
    }

    /**
     * The one place every statement of a department goes through: the guard wraps the client's
     * result publishers, outside the statement counter, so a statement refused by an open breaker
     * or a full bulkhead never reaches the pool and is not counted as sent.
     */
    private static DatabaseClient client(Department department, ConnectionPool pool, StatementCounter counter,
                                         SourceGuards guards, StoreObservations observations) {
        return GuardedDatabaseClient.of(DatabaseClient.create(counter.counting(department, pool)), guards.of(department),
                observations.of(department));
    }

    private static ConnectionPool pool(Department department, DepartmentStores stores, SourcesProperties sources) {
        Endpoint endpoint = stores.endpoint(department);
        SourcesProperties.Pool settings = sources.of(department).getPool();
        ConnectionFactory postgres = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(endpoint.host()).port(endpoint.port()).database(endpoint.database())
                .username(endpoint.username()).password(endpoint.password())
                .applicationName("shanzhi-" + department.key())
                .connectTimeout(settings.getConnectTimeout())
                // The server stops a statement the gateway has given up on, instead of finishing it for nobody.
                .statementTimeout(sources.of(department).getResilience().getTimeout())
                .tcpKeepAlive(true)
                // Every statement is prepared and reused, and after five runs PostgreSQL may switch
                // to a generic plan that cannot see the parameters. For "id = ANY($1) AND cell_code
                // BETWEEN scope bounds" that plan scans the whole scope range by cell_code (56 ms
                // for 50 households at scale 0.1) instead of 50 primary-key lookups (0.25 ms).
                // Planning each execution costs well under a millisecond for these statements.
                .options(Map.of("plan_cache_mode", "force_custom_plan"))
                // Results in binary: timestamps and numbers decode without parsing text (parsing
                // timestamps was 3% of the gateway's CPU in the village dashboard's profile).
                .forceBinary(true)
                .build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(postgres)
                .name(department.key())
                .initialSize(settings.getInitialSize())
                .maxSize(settings.getMaxSize())
                .maxIdleTime(settings.getMaxIdleTime())
                .maxAcquireTime(settings.getAcquireTimeout())
                // Checked on every acquire, so connections broken by a store restart are evicted
                // and replaced instead of failing the statement that happens to get them. A local
                // check (is the socket still open) suffices: a restarting server closes its
                // connections. A "SELECT 1" here cost a round trip and server CPU per statement.
                .validationDepth(ValidationDepth.LOCAL)
                .maxValidationTime(settings.getConnectTimeout())
                .maxCreateConnectionTime(settings.getConnectTimeout())
                .backgroundEvictionInterval(settings.getEvictionInterval())
                .build());
    }
}
