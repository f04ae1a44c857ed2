package shanzhi.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * graphql-http's GraphQL-over-HTTP server audits (npm graphql-http, pinned in
 * src/test/graphql-http/package-lock.json) run with Node against the test gateway, with a token on
 * every request. Needs {@code node} and {@code npm} on the PATH (.ci/run installs Debian's nodejs
 * and npm); the package is installed with {@code npm ci} into target/graphql-http.
 */
class GraphQlOverHttpAuditTest extends ApiTestBase {
    private static final int AUDITS = 61;
    /**
     * Audits that still fail on this branch, each for a malformed POST body answered 200 instead of
     * 400 (a missing body; query or operationName of the wrong JSON type): that is the transport
     * work on malformed bodies, not this HTTP layer's. The test fails as soon as one of them passes
     * too, so that this list is emptied when that work lands, and then asserts all 61 ok.
     */
    private static final Set<String> PENDING_MALFORMED_BODY_400 = Set.of("A5BF", "LKJ1", "LKJ2", "6C01", "6C02");
    private static final Path SOURCE = Path.of("src/test/graphql-http");
    private static final Path WORK = Path.of("target/graphql-http");

    @LocalServerPort
    int localPort;

    @Test
    void everyAuditIsOk() throws Exception {
        installAuditPackage();
        String token = tokens.issue("test-audit", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "graphql-http-audit",
                Duration.ofMinutes(10));

        List<String> lines = run(List.of("node", "audit.mjs", "http://localhost:" + localPort + "/graphql", "Bearer " + token),
                Duration.ofMinutes(2));

        List<Map<?, ?>> results = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                results.add(RawHttp.JSON.readValue(line, Map.class));
            }
        }
        Set<String> failing = new TreeSet<>();
        StringBuilder report = new StringBuilder();
        for (Map<?, ?> result : results) {
            if (!"ok".equals(result.get("status"))) {
                failing.add((String) result.get("id"));
                report.append(String.format("%n  %s %s [%s]: %s (HTTP %s) %s", result.get("id"), result.get("name"),
                        result.get("status"), result.get("reason"), result.get("httpStatus"), result.get("body")));
            }
        }
        System.out.printf("graphql-http audit: %d of %d ok%s%n", results.size() - failing.size(), results.size(), report);
        assertThat(results).as("audits run").hasSize(AUDITS);
        assertThat(failing).as("audits not ok:%s", report).isEqualTo(new TreeSet<>(PENDING_MALFORMED_BODY_400));
    }

    /** npm ci into target/graphql-http, once per change of the lock file. */
    private static void installAuditPackage() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "audit.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = WORK.resolve("node_modules/.package-lock.json");
        if (!Files.exists(installed) || Files.getLastModifiedTime(installed).compareTo(
                Files.getLastModifiedTime(SOURCE.resolve("package-lock.json"))) < 0) {
            run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), Duration.ofMinutes(3));
        }
    }

    private static List<String> run(List<String> command, Duration timeout) throws Exception {
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        // Read while it runs: a full pipe would stall the process.
        var output = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try {
                output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        });
        reader.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
        }
        String text = output.get(10, TimeUnit.SECONDS);
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", String.join(" ", command), text).isZero();
        return text.lines().toList();
    }
}
