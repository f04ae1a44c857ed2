package shanzhi.gateway.sources;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/** With shanzhi.demo.load-only the stores are migrated and loaded at startup; then exit. */
@Component
class DemoLoadOnly implements ApplicationRunner {
    private final DemoProperties demo;
    private final ApplicationContext context;

    DemoLoadOnly(DemoProperties demo, ApplicationContext context) {
        this.demo = demo;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (demo.isLoadOnly()) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }
}
