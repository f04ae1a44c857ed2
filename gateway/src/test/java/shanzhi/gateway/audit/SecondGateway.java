package shanzhi.gateway.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.ShanzhiApplication;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.authentication.DemoTokenIssuer;
import shanzhi.gateway.sources.DatabaseProvisioner;
import shanzhi.gateway.sources.Endpoint;

/**
 * Another gateway replica in the same JVM: its own application context on a random port, the
 * same department databases as the shared test context, and the audit database named by
 * {@code auditKey} (the shared one to write the same chain, or one of its own).
 */
final class SecondGateway implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private SecondGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static SecondGateway start(String auditKey) {
        TestDatabases databases = TestDatabases.get();
        String auditUrl = databases.url(auditKey);
        DatabaseProvisioner.createIfMissing(Endpoint.parse(auditUrl, databases.user(), databases.password()));
        // Added after GatewayTestConfiguration's initializer, so first in line: overrides its audit url.
        Map<String, Object> properties = new java.util.HashMap<>(Map.of("shanzhi.audit.url", auditUrl, "server.port", "0"));
        if (!auditKey.equals(GatewayTestConfiguration.AUDIT)) {
            // Another trail: the shared department stores witness the shared one, not this.
            properties.put("shanzhi.evidence.witnesses.departments", "");
        }
        ApplicationContextInitializer<ConfigurableApplicationContext> replica = context -> context.getEnvironment()
                .getPropertySources().addFirst(new MapPropertySource("second-gateway", properties));
        return new SecondGateway(new SpringApplicationBuilder(ShanzhiApplication.class)
                .initializers(new GatewayTestConfiguration.Databases(), replica)
                .run());
    }

    /** A client of this replica, with a token from this replica's own demo issuer. */
    HttpGraphQlTester as(String subject, List<Role> roles, String region) {
        return HttpGraphQlTester.create(http()).mutate()
                .header("Authorization", "Bearer " + token(subject, roles, region, "replica-tests")).build();
    }

    /** A token of this replica's own demo issuer. */
    String token(String subject, List<Role> roles, String region, String client) {
        return context.getBean(DemoTokenIssuer.class).issue(subject, roles, region, null, client, Duration.ofMinutes(10));
    }

    /** A plain HTTP client to this replica's /graphql, declaring the tests' purpose. */
    WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/graphql")
                .responseTimeout(Duration.ofSeconds(60))
                .defaultHeader("Shanzhi-Purpose", shanzhi.gateway.ApiTestBase.TEST_PURPOSE)
                .build();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
