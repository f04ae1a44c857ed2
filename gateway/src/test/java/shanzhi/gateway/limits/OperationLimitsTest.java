package shanzhi.gateway.limits;

import static shanzhi.gateway.limits.Refusals.assertAnswered;
import static shanzhi.gateway.limits.Refusals.assertNoStatements;
import static shanzhi.gateway.limits.Refusals.assertRefused;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.cache.ColdCache;
import shanzhi.gateway.cache.TieredReferenceCache;
import shanzhi.gateway.sources.Department;

/**
 * Depth, aliases, root fields and cost are measured on the validated operation before its first
 * field is fetched: at a limit the request is answered, one above it is refused with an error
 * naming the limit and the measured value, and no store sees a statement. The defaults hold:
 * depth 12, aliases 30, root fields 10, cost 50,000.
 */
class OperationLimitsTest extends ApiTestBase {
    @Autowired
    TieredReferenceCache referenceCache;

    /**
     * "Answered" is proven by statements reaching the stores; the region fields these documents
     * ask for are reference data, which a warm reference cache would serve without any.
     */
    @BeforeEach
    void coldReferenceCache() {
        ColdCache.of(referenceCache);
    }

    private static final String VILLAGE = "440513001001";

    @Test
    void depthTwelveIsAnsweredAndThirteenIsRefused() {
        // region, then ten parents, then code: twelve levels.
        GraphQlTester.Response[] twelve = new GraphQlTester.Response[1];
        Map<Department, Long> answered = statementsDuring(() -> twelve[0] = regionWithParents(10));
        assertAnswered(twelve[0], answered);
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(regionWithParents(11), Limit.DEPTH, 13, 12));
        assertNoStatements(statements);
    }

    @Test
    void depthCountsTheEdgesAndNodeLevelsOfConnections() {
        // regions 1, edges 2, node 3, residents 4, edges 5, node 6, household 7, members 8,
        // disputes 9, parties 10, incidents 11, persons 12, name 13
        String document = """
                { regions(level: VILLAGE, first: 1) { edges { node { residents(first: 1) { edges { node {
                  household { members { disputes { parties { incidents { persons { name } } } } } } } } } } } } }""";
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(query(document), Limit.DEPTH, 13, 12));
        assertNoStatements(statements);
    }

    @Test
    void thirtyAliasesAreAnsweredAndThirtyOneAreRefused() {
        GraphQlTester.Response[] thirty = new GraphQlTester.Response[1];
        Map<Department, Long> answered = statementsDuring(() -> thirty[0] = query(regionWithAliases(30)));
        assertAnswered(thirty[0], answered);
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(query(regionWithAliases(31)),
                Limit.ALIASES, 31, 30));
        assertNoStatements(statements);
    }

    @Test
    void aliasesInAFragmentCountEachTimeItIsUsed() {
        String fragment = "fragment Names on Region { " + IntStream.rangeClosed(1, 8)
                .mapToObj(i -> "n" + i + ": name").collect(Collectors.joining(" ")) + " }";
        // 4 spreads x 8 aliases = 32, although the document holds only 8.
        String document = "{ region(code: \"" + VILLAGE + "\") { ...Names parent { ...Names parent { ...Names "
                + "parent { ...Names } } } } } " + fragment;
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(query(document), Limit.ALIASES, 32, 30));
        assertNoStatements(statements);
    }

    @Test
    void tenRootFieldsAreAnsweredAndElevenAreRefused() {
        GraphQlTester.Response[] ten = new GraphQlTester.Response[1];
        Map<Department, Long> answered = statementsDuring(() -> ten[0] = query(rootFields(10)));
        assertAnswered(ten[0], answered);
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(query(rootFields(11)),
                Limit.ROOT_FIELDS, 11, 10));
        assertNoStatements(statements);
    }

    /**
     * Every field costs 1 plus its selections times the elements it returns: `first` (20 when not
     * given) for a connection's edges, 5 for any other list, 1 for an object. Here a resident
     * { id disputes { id parties { id } } incidents { id persons { id } } } costs 1 + 1 + 2 x
     * (1 + 5 x (1 + (1 + 5 x 1))) = 74, so 7 villages (first: 7) of 96 residents cost 2 + 7 x
     * (3 + 96 x 74) = 49,751; a people page of p ids costs 2 + 2p, one of q ids and names 2 + 3q.
     */
    @Test
    void aCostOfFiftyThousandIsAnsweredAndOneMoreIsRefused() {
        GraphQlTester.Response[] atLimit = new GraphQlTester.Response[1];
        // 49,751 + (2 + 2 x 10) + (2 + 3 x 75) = 50,000
        Map<Department, Long> answered = statementsDuring(() -> atLimit[0] = query(costing(10, 75)));
        assertAnswered(atLimit[0], answered);
        // 49,751 + (2 + 2 x 9) + (2 + 3 x 76) = 50,001
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(query(costing(9, 76)),
                Limit.COST, 50_001, 50_000));
        assertNoStatements(statements);
    }

    @Test
    void aFanOutThroughNestedListsIsRefusedByCostBeforeAnyStoreIsAsked() {
        // name 1; persons 1 + 5 x 1 = 6; incidents 1 + 5 x 6 = 31; parties 1 + 5 x 31 = 156;
        // disputes 1 + 5 x 156 = 781; members 1 + 5 x 781 = 3,906; household 3,907; node 3,908;
        // edges 1 + 100 x 3,908 = 390,801; residents 390,802; region 390,803.
        String document = """
                query($village: ID!) { region(code: $village) { residents(first: 100) { edges { node {
                  household { members { disputes { parties { incidents { persons { name } } } } } } } } } } }""";
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(
                query(document, Map.of("village", VILLAGE)), Limit.COST, 390_803, 50_000));
        assertNoStatements(statements);
    }

    @Test
    void aFragmentCostsAtEveryPlaceItIsSpread() {
        // Fan at first: 7 costs 1 + (1 + (1 + 7 x 3,908)) = 27,359: once is answered, twice is 54,718.
        String fragment = """
                fragment Fan on Region { residents(first: 7) { edges { node {
                  household { members { disputes { parties { incidents { persons { name } } } } } } } } } }""";
        GraphQlTester.Response[] once = new GraphQlTester.Response[1];
        Map<Department, Long> answered = statementsDuring(() -> once[0] = query(
                "{ a: region(code: \"" + VILLAGE + "\") { ...Fan } } " + fragment));
        assertAnswered(once[0], answered);
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(query(
                "{ a: region(code: \"" + VILLAGE + "\") { ...Fan } b: region(code: \"440513001002\") { ...Fan } } "
                        + fragment), Limit.COST, 54_718, 50_000));
        assertNoStatements(statements);
    }

    @Test
    void theDefaultPageOfTwentyCountsWhenFirstIsNotGiven() {
        // The same fan-out without first: region 1 + residents (1 + edges (1 + 20 x 3,908)) = 78,163.
        String document = """
                query($village: ID!) { region(code: $village) { residents { edges { node {
                  household { members { disputes { parties { incidents { persons { name } } } } } } } } } } }""";
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(
                query(document, Map.of("village", VILLAGE)), Limit.COST, 78_163, 50_000));
        assertNoStatements(statements);
    }

    @Test
    void theCostFollowsFirstGivenAsAVariable() {
        String document = """
                query($village: ID!, $first: Int) { region(code: $village) { residents(first: $first) { edges { node {
                  household { members { disputes { parties { incidents { persons { name } } } } } } } } } } }""";
        // 3 + 12 x 3,908 = 46,899 is under the budget; 3 + 13 x 3,908 = 50,807 is over it.
        GraphQlTester.Response[] twelve = new GraphQlTester.Response[1];
        Map<Department, Long> answered = statementsDuring(() -> twelve[0] = query(document, Map.of("village", VILLAGE, "first", 12)));
        assertAnswered(twelve[0], answered);
        Map<Department, Long> statements = statementsDuring(() -> assertRefused(
                query(document, Map.of("village", VILLAGE, "first", 13)), Limit.COST, 50_807, 50_000));
        assertNoStatements(statements);
    }

    @Test
    void shapesAreKeptPerDocumentAndVariablesSoARepeatedDocumentIsMeasuredForItsOwnVariables() {
        // Shapes are cached per (document, operation, variables): the same text refused, answered
        // and refused again must each be measured with the variables of that request.
        String document = """
                query Repeated($village: ID!, $first: Int) { region(code: $village) { residents(first: $first) { edges { node {
                  household { members { disputes { parties { incidents { persons { name } } } } } } } } } } }""";
        for (int round = 0; round < 2; round++) {
            Map<Department, Long> refused = statementsDuring(() -> assertRefused(
                    query(document, Map.of("village", VILLAGE, "first", 13)), Limit.COST, 50_807, 50_000));
            assertNoStatements(refused);
            GraphQlTester.Response[] twelve = new GraphQlTester.Response[1];
            Map<Department, Long> answered = statementsDuring(() -> twelve[0] = query(document, Map.of("village", VILLAGE, "first", 12)));
            assertAnswered(twelve[0], answered);
        }
    }

    @Test
    void theLargestDashboardOfTheApiTestsIsWithinEveryLimit() {
        // BatchingTest's large query: 3 villages x 100 residents with five nested lists, cost 25,517.
        String document = """
                query($town: ID) { regions(level: VILLAGE, under: $town, first: 3) { edges { node { code
                  residents(first: 100) { totalCount edges { node { id name household { address } cell { code }
                    gridWorkers { name } disputes { id parties { name } } incidents { id persons { name } } } } }
                } } } }""";
        GraphQlTester.Response[] response = new GraphQlTester.Response[1];
        Map<Department, Long> statements = statementsDuring(() -> response[0] = query(document, Map.of("town", "440513001")));
        assertAnswered(response[0], statements);
    }

    private GraphQlTester.Response regionWithParents(int parents) {
        return query("{ region(code: \"" + VILLAGE + "\") { " + "parent { ".repeat(parents) + "code" + " }".repeat(parents)
                + " } }");
    }

    private static String regionWithAliases(int aliases) {
        return "{ region(code: \"" + VILLAGE + "\") { " + IntStream.rangeClosed(1, aliases)
                .mapToObj(i -> "a" + i + ": name").collect(Collectors.joining(" ")) + " } }";
    }

    private static String rootFields(int fields) {
        return "{ " + IntStream.rangeClosed(1, fields)
                .mapToObj(i -> "r" + i + ": region(code: \"" + VILLAGE + "\") { name }").collect(Collectors.joining(" ")) + " }";
    }

    private static String costing(int ids, int idsAndNames) {
        return "{ regions(level: VILLAGE, first: 7) { edges { node { residents(first: 96) { edges { node { "
                + "id disputes { id parties { id } } incidents { id persons { id } } } } } } } } "
                + "ids: people(under: \"440513\", first: " + ids + ") { edges { node { id } } } "
                + "names: people(under: \"440513\", first: " + idsAndNames + ") { edges { node { id name } } } }";
    }
}
