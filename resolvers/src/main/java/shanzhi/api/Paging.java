package shanzhi.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import graphql.schema.DataFetchingEnvironment;

/**
 * The paging of one connection field as one caller asks for it: `first`, and `after` opened
 * from its cursor, and the cursors of the page sealed for the same binding. The binding is the
 * field's coordinate (e.g. Region.residents), the parent the connection hangs under (a region
 * code; null for root fields, whose arguments say it), the field's other arguments (filters, in
 * canonical form) and the caller's subject and client. A cursor handed out for one region's
 * residents, one filter or one caller therefore opens nowhere else: BAD_USER_INPUT.
 */
public final class Paging {
    private static final String FORMAT = "shanzhi-cursor-v1";
    private final Cursors cursors;
    private final byte[] binding;
    private final PageArgs page;

    private Paging(Cursors cursors, byte[] binding, PageArgs page) {
        this.cursors = cursors;
        this.binding = binding;
        this.page = page;
    }

    public static Paging of(DataFetchingEnvironment env, String parentKey) {
        Map<String, Object> arguments = new TreeMap<>(env.getArguments());
        Object first = arguments.remove("first");
        Object after = arguments.remove("after");
        // An argument sent as null and one left out mean the same: they bind alike.
        arguments.values().removeIf(java.util.Objects::isNull);
        int size = first == null ? PageArgs.DEFAULT_FIRST : ((Number) first).intValue();
        PageArgs.requireValidFirst(size);
        Caller caller = Caller.of(env);
        List<Object> bound = new ArrayList<>();
        bound.add(FORMAT);
        bound.add(env.getExecutionStepInfo().getObjectType().getName() + "." + env.getFieldDefinition().getName());
        bound.add(parentKey);
        bound.add(arguments);
        bound.add(caller.subject());
        bound.add(caller.client());
        byte[] binding = Canonical.bytes(bound);
        Cursors cursors = Cursors.of(env);
        String position = after == null ? null : cursors.open(binding, after.toString());
        return new Paging(cursors, binding, new PageArgs(size, position));
    }

    /** `first`, and the position after which the page starts (null: from the beginning). */
    public PageArgs page() {
        return page;
    }

    /** The connection of a page; {@code positionOf} gives a row's keyset position (see {@link Cursor}). */
    public <T> Connection<T> connection(Page<T> rows, Function<T, String> positionOf,
                                        Supplier<CompletableFuture<Integer>> counter) {
        return Connection.of(rows, page.after() != null, row -> cursors.seal(binding, positionOf.apply(row)), counter);
    }

    public <T> Connection<T> empty() {
        return connection(Page.empty(), row -> "", () -> CompletableFuture.completedFuture(0));
    }
}
