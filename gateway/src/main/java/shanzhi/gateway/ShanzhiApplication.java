package shanzhi.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The gateway: one GraphQL schema over the four department stores (see README). */
@SpringBootApplication(scanBasePackages = "shanzhi")
@ConfigurationPropertiesScan("shanzhi.gateway")
public class ShanzhiApplication {
    public static void main(String[] args) {
        SpringApplication.run(ShanzhiApplication.class, args);
    }
}
