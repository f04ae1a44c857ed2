package shanzhi.gateway.http;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import shanzhi.gateway.signing.SignedResponses;

/**
 * GET on the GraphQL path (Spring for GraphQL serves POST only, and answers GET with 405), ahead
 * of Spring Boot's GraphQL routes; the graphql-ws upgrade of GET /graphql is matched before any
 * route, by its own handler mapping. Both GET and POST encode their bodies themselves, so a
 * signed response is signed over the bytes sent.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class HttpConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlGetRoute(WebGraphQlHandler graphQl, SignedResponses signed,
                                                   ServerCodecConfigurer codecs,
                                                   @Value("${spring.graphql.http.path:/graphql}") String path) {
        GetQueryHandler handler = new GetQueryHandler(graphQl, signed, new JsonCodec(codecs));
        return RouterFunctions.route().GET(path, handler::handleGet).build();
    }

    /** In place of Spring Boot's, which would leave the encoding to the response writer. */
    @Bean
    GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler graphQl, SignedResponses signed, ServerCodecConfigurer codecs) {
        return new PostQueryHandler(graphQl, signed, new JsonCodec(codecs));
    }

    @Bean
    SseHeadersAtOnce sseHeadersAtOnce(@Value("${spring.graphql.http.path:/graphql}") String path) {
        return new SseHeadersAtOnce(path);
    }
}
