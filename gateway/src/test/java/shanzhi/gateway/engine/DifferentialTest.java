package shanzhi.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlInterceptor;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.GridWorkers;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.authentication.DemoTokenIssuer;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.StatementCounter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The planned engine answers exactly as the reference does. A seeded corpus of generated queries
 * over the whole schema (OperationGenerator), each run for every role on one instance, once by
 * each engine: the same JSON (the data in order, the same errors; only the trace id differs), and
 * over the corpus no more statements to any store than the reference sends but for 1% (per
 * operation, the most it sends in up to four runs: its batches depend on timing). Errors are compared as a set: the
 * reference adds a failed fetch's errors when the asynchronous exception handler answers, so
 * two errors of the same wave come in either order from it, run after run. The reference cache is off, so both engines
 * ask the stores for everything and their statements can be compared. A failure names the seed
 * and the operation's index: {@code -Dshanzhi.differential.seed=S} replays the corpus.
 */
class DifferentialTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SEED = Long.getLong("shanzhi.differential.seed", 20261203L);
    private static final int OPERATIONS = Integer.getInteger("shanzhi.differential.operations", 2000);
    /** One operation of the corpus only (its index), with every statement logged: to look at a failure. */
    private static final int ONLY = Integer.getInteger("shanzhi.differential.only", -1);
    private static final String ENGINE_HEADER = "Shanzhi-Test-Engine";
    private static final String DISTRICT = "440513";

    private static GatewayInstance gateway;
    private static Map<Role, String> tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Sends an operation to the reference engine when the request asks for it (test only). */
    @Configuration(proxyBeanMethods = false)
    static class EngineChoice {
        @Bean
        WebGraphQlInterceptor engineChoice() {
            return (request, chain) -> {
                if ("reference".equals(request.getHeaders().getFirst(ENGINE_HEADER))) {
                    request.configureExecutionInput((input, builder) ->
                            builder.graphQLContext(context -> context.put(PlannedEngine.REFERENCE, true)).build());
                }
                return chain.next(request);
            };
        }
    }

    @BeforeAll
    static void start() {
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "shanzhi.reference-cache.enabled", "false",
                "shanzhi.rate-limit.enabled", "false"));
        if (ONLY >= 0) {
            properties.put("logging.level.shanzhi.gateway.sources.StatementCounter", "TRACE");
        }
        gateway = GatewayInstance.start(properties, EngineChoice.class);
        DemoTokenIssuer issuer = gateway.bean(DemoTokenIssuer.class);
        GridWorkers.Assignment worker = GridWorkers.first();
        tokens = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String region = switch (role) {
                case GRID_WORKER -> worker.grid();
                case TOWN_OFFICER -> worker.grid().substring(0, 9);
                default -> DISTRICT;
            };
            tokens.put(role, issuer.issue("differential-" + role.name().toLowerCase(), List.of(role), region,
                    role == Role.GRID_WORKER ? worker.workerId() : null, "differential", Duration.ofHours(2)));
        }
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void bothEnginesGiveTheSameAnswersAndThePlanSendsAboutTheReferencesStatements() throws Exception {
        OperationGenerator generator = new OperationGenerator(gateway.bean(GraphQlSource.class).schema(), values(), SEED);
        StatementCounter statements = gateway.bean(StatementCounter.class);
        List<String> differences = new ArrayList<>();
        List<String> moreStatements = new ArrayList<>();
        Map<Department, Long> referenceTotal = new EnumMap<>(Department.class);
        Map<Department, Long> planTotal = new EnumMap<>(Department.class);
        int answered = 0;
        int withData = 0;
        for (int index = 0; index < OPERATIONS && differences.size() < 5; index++) {
            OperationGenerator.Operation operation = generator.next();
            if (ONLY >= 0 && index != ONLY) {
                continue;
            }
            for (Role role : Role.values()) {
                Map<Department, Long> before = statements.snapshot();
                trace(role + " by the reference");
                JsonNode reference = ask(operation, role, true);
                Map<Department, Long> middle = statements.snapshot();
                trace(role + " by the plan");
                JsonNode planned = ask(operation, role, false);
                Map<Department, Long> after = statements.snapshot();
                answered++;
                if (planned.has("data") && !planned.get("data").isNull()) {
                    withData++;
                }
                String where = "seed " + SEED + " operation " + index + " as " + role + ": " + operation.document()
                        + " variables " + operation.variables();
                // As text: JsonNode equality ignores the order of an object's fields, the response's does not.
                if (!planned.toString().equals(reference.toString())) {
                    differences.add(where + "\n  reference: " + reference + "\n  planned:   " + planned);
                    continue;
                }
                Map<Department, Long> byReference = sent(before, middle);
                Map<Department, Long> byPlan = sent(middle, after);
                for (int again = 0; again < 3 && exceeds(byPlan, byReference); again++) {
                    // The reference's batches depend on timing: exhausted dispatching dispatches as
                    // soon as the engine is idle, so whether a fetcher's own store call answers
                    // before the batch in flight comes back decides whether the keys it leads to
                    // join the next batch or wait for another. The plan is held to the most the
                    // reference sends for the same operation in up to four runs.
                    Map<Department, Long> start = statements.snapshot();
                    ask(operation, role, true);
                    sent(start, statements.snapshot()).forEach((department, count) -> byReference.merge(department, count, Math::max));
                }
                byReference.forEach((department, count) -> referenceTotal.merge(department, count, Long::sum));
                byPlan.forEach((department, count) -> planTotal.merge(department, count, Long::sum));
                if (exceeds(byPlan, byReference)) {
                    moreStatements.add(where + ": the plan sent " + byPlan + ", the reference at most " + byReference);
                }
            }
        }
        assertThat(differences).as("operations the engines answer differently").isEmpty();
        // Per operation the plan's batches are not yet always the reference's best (issue 12: its
        // waves wait for every value of a wave, the reference dispatches whenever it is idle): a few
        // operations in a thousand take a statement or two more. Over the corpus the plan must stay
        // within 1% of the reference at every store, which an unbatched field (a statement per row)
        // would break many times over. The operations where it sent more are printed.
        System.out.println("DifferentialTest: " + moreStatements.size() + " of " + answered
                + " answers took more statements by the plan than the reference at most; totals plan " + planTotal
                + ", reference " + referenceTotal + (moreStatements.isEmpty() ? "" : "; first: " + moreStatements.get(0)));
        for (Department department : Department.values()) {
            assertThat(planTotal.getOrDefault(department, 0L)).as("statements to " + department + " over the corpus, plan "
                    + "against reference (" + moreStatements.size() + " operations sent more: " + moreStatements.stream()
                    .limit(3).toList() + ")").isLessThanOrEqualTo(referenceTotal.getOrDefault(department, 0L)
                    + referenceTotal.getOrDefault(department, 0L) / 100);
        }
        if (ONLY >= 0) {
            return;
        }
        assertThat(withData).as("answers with data among " + answered + " (a corpus of refusals would prove little)")
                .isGreaterThan(answered / 3);
        assertThat(gateway.bean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("shanzhi.engine.operations").tag("engine", "planned").counter().count())
                .as("operations the planned engine answered (the others are refused before they run: values an "
                        + "argument's type refuses, limits)").isGreaterThanOrEqualTo(answered * 0.8);
    }

    private static void trace(String what) {
        if (ONLY >= 0) {
            System.out.println("DifferentialTest: " + what);
        }
    }

    private static Map<Department, Long> sent(Map<Department, Long> before, Map<Department, Long> after) {
        Map<Department, Long> sent = new EnumMap<>(Department.class);
        for (Department department : Department.values()) {
            sent.put(department, after.get(department) - before.get(department));
        }
        return sent;
    }

    private static boolean exceeds(Map<Department, Long> plan, Map<Department, Long> reference) {
        return plan.entrySet().stream().anyMatch(entry -> entry.getValue() > reference.get(entry.getKey()));
    }

    private JsonNode ask(OperationGenerator.Operation operation, Role role, boolean reference) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", operation.document());
        body.put("variables", operation.variables());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/graphql"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
                .header("Authorization", "Bearer " + tokens.get(role))
                .header("Shanzhi-Purpose", ApiTestBase.TEST_PURPOSE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (reference) {
            request.header(ENGINE_HEADER, "reference");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (answer instanceof ObjectNode object) {
            object.put("status", response.statusCode());
            List<String> errors = new ArrayList<>();
            for (JsonNode error : answer.path("errors")) {
                if (error.get("extensions") instanceof ObjectNode extensions) {
                    extensions.remove("traceId");
                }
                errors.add(error.toString());
            }
            sealedCursors(object);
            if (!errors.isEmpty()) {
                errors.sort(null);
                var sorted = object.putArray("errors");
                errors.forEach(error -> sorted.add(JSON.readTree(error)));
            }
        }
        return answer;
    }

    /**
     * Cursors are sealed with a fresh nonce each time (CursorsTest), so no two answers share one:
     * only whether there is one is compared. CursorsTest pages with the planned engine's cursors.
     */
    private static void sealedCursors(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if ((name.equals("cursor") || name.endsWith("Cursor") || isAliasedCursor(value)) && value.isString()) {
                    object.put(name, "<sealed cursor>");
                } else {
                    sealedCursors(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(DifferentialTest::sealedCursors);
        }
    }

    /** Under an alias a cursor is recognised by its form: the sealing's url-safe base64, 40 characters and more, starting with its version byte. */
    private static boolean isAliasedCursor(JsonNode value) {
        return value != null && value.isString() && value.asString().matches("A[A-Za-z0-9_-]{40,}");
    }

    /** The district's real values the generator picks its arguments from. */
    private static OperationGenerator.Values values() {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        ids.put("Person", column(Department.PEOPLE, "SELECT id::text FROM person ORDER BY id LIMIT 30"));
        ids.put("Household", column(Department.PEOPLE, "SELECT id::text FROM household ORDER BY id LIMIT 10"));
        ids.put("GridEvent", column(Department.GRID, "SELECT id::text FROM grid_event ORDER BY id LIMIT 10"));
        ids.put("Dispute", column(Department.LEGAL, "SELECT id::text FROM dispute ORDER BY id LIMIT 10"));
        ids.put("Incident", column(Department.SECURITY, "SELECT id::text FROM incident ORDER BY id LIMIT 10"));
        List<String> regions = new ArrayList<>(List.of(DISTRICT));
        regions.addAll(column(Department.GRID, "(SELECT code FROM region WHERE length(code) = 9 ORDER BY code LIMIT 3)"
                + " UNION ALL (SELECT code FROM region WHERE length(code) = 12 ORDER BY code LIMIT 4)"
                + " UNION ALL (SELECT code FROM region WHERE length(code) > 12 ORDER BY code LIMIT 4)"));
        regions.add(GridWorkers.first().grid());
        return new OperationGenerator.Values(regions, ids,
                column(Department.PEOPLE, "SELECT id_number FROM person ORDER BY id LIMIT 10"));
    }

    private static List<String> column(Department department, String sql) {
        TestDatabases databases = TestDatabases.get();
        try (var connection = DriverManager.getConnection(databases.jdbcUrl(department), databases.user(), databases.password());
             var rows = connection.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
