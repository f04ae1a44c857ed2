package shanzhi.gateway.sources;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * GET /bench/statements: the SQL statements sent to each store since start, as JSON
 * ({"people":123,...}). Only with the {@code bench} profile; the benchmark reads it before and
 * after each run to report statements per request per store.
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
public class BenchStatementsEndpoint {

    @Bean
    RouterFunction<ServerResponse> benchStatementsRoute(StatementCounter counter) {
        return RouterFunctions.route().GET("/bench/statements", request -> {
            Map<String, Long> body = new LinkedHashMap<>();
            counter.snapshot().forEach((department, count) -> body.put(department.key(), count));
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }).build();
    }
}
