package shanzhi.gateway.cursors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.graphql.server.WebGraphQlInterceptor;

import shanzhi.api.Cursors;
import shanzhi.gateway.keys.DeploymentKey;

/**
 * The deployment's cursor key (shanzhi.cursors.key) and the interceptor that puts it into every
 * request's GraphQLContext, where connection fields seal and open their cursors (shanzhi.api.Paging).
 */
@Configuration(proxyBeanMethods = false)
public class CursorConfiguration {
    public static final String KEY = "shanzhi.cursors.key";

    @Bean
    Cursors cursors(Environment environment) {
        return new Cursors(DeploymentKey.resolve(environment, KEY, "key that seals connection cursors"));
    }

    @Bean
    WebGraphQlInterceptor cursorsInContext(Cursors cursors) {
        return (request, chain) -> {
            request.configureExecutionInput((input, builder) ->
                    builder.graphQLContext(context -> context.put(Cursors.class, cursors)).build());
            return chain.next(request);
        };
    }
}
