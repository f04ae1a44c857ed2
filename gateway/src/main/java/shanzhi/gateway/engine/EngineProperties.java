package shanzhi.gateway.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.engine.*
 *
 * @param planned false: every query is answered by graphql-java's strategy (the reference engine)
 */
@ConfigurationProperties("shanzhi.engine")
public record EngineProperties(@DefaultValue("true") boolean planned) {
}
