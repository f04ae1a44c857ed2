package shanzhi.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import shanzhi.gateway.live.TestLiveEvents;

/**
 * A test of the running gateway over HTTP, against real PostgreSQL databases holding the demo
 * district. All such tests share one application context (and so one demo load).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({GatewayTestConfiguration.class, TestLiveEvents.class})
@ContextConfiguration(initializers = GatewayTestConfiguration.Databases.class)
public @interface GatewayTest {
}
