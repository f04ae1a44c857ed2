package shanzhi.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.authentication.DemoTokenIssuer;

/**
 * One more gateway process-in-the-JVM beside the shared test context: same databases, same Redis
 * and key prefix, its own port and extra properties (small limits, trusted-documents switches).
 * Like every demo replica it mints tokens with its own key, so a test signs each instance's
 * tokens with that instance's issuer; the subject and client, which the limits count, are the same.
 */
public final class GatewayInstance implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static GatewayInstance start(Map<String, String> extraProperties) {
        return start(extraProperties, new Class<?>[0]);
    }

    /** An instance with extra configuration classes (test beans) besides the application's own. */
    public static GatewayInstance start(Map<String, String> extraProperties, Class<?>... extraSources) {
        Map<String, Object> properties = new HashMap<>(GatewayTestConfiguration.properties());
        properties.putAll(extraProperties);
        properties.putIfAbsent("server.port", "0"); // a test may need a known port (an OIDC redirect URI)
        // Command-line arguments outrank application.yml, unlike SpringApplicationBuilder#properties.
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = ShanzhiApplication.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new GatewayInstance(new SpringApplicationBuilder(sources).run(arguments.toArray(String[]::new)));
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** A bearer token this instance accepts. */
    public String token(String subject, List<Role> roles, String region, String client) {
        return context.getBean(DemoTokenIssuer.class).issue(subject, roles, region, null, client, Duration.ofMinutes(10));
    }

    /** An HTTP client to this instance's base URL, without any token, declaring the tests' purpose of access. */
    public WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port()).responseTimeout(Duration.ofSeconds(60))
                .defaultHeader("Shanzhi-Purpose", ApiTestBase.TEST_PURPOSE).build();
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
