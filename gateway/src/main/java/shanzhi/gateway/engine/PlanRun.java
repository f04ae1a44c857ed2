package shanzhi.gateway.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import shanzhi.api.LoadContext;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.TypeMismatchError;
import graphql.extensions.ExtensionsBuilder;
import graphql.GraphQLError;
import graphql.SerializationError;
import graphql.collect.ImmutableMapWithNullValues;
import graphql.execution.AbortExecutionException;
import graphql.execution.Async;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherResult;
import graphql.execution.DataLoaderDispatchStrategy;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.NonNullableFieldWasNullException;
import graphql.execution.ResultPath;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.reactive.ReactiveSupport;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSetImpl;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.LightDataFetcher;
import graphql.util.FpKit;

/**
 * One run of a plan, in waves: every field that can be fetched is (the fetchers queue their keys
 * on the request's batch loaders; a value there at once is completed at once and its objects'
 * fields fetched in turn), then the loaders are dispatched once, and when all the values waited
 * for are in they are completed (nulls, lists, scalars, enums) into the response, which starts the
 * next wave. Errors are those graphql-java
 * gives: the exception handler's for a failed fetch, the non-null violation at its path (the null
 * goes up to the nearest nullable field), a value a scalar cannot serialise.
 */
final class PlanRun {
    private final ExecutionContext execution;
    private final DataFetcherExceptionHandler exceptions;
    private final DataLoaderRegistry loaders;
    private final OperationPlan plan;
    private final ObjectResult root;
    private final Executor completions;

    PlanRun(ExecutionContext execution, DataFetcherExceptionHandler exceptions, OperationPlan plan,
            ExecutionStepInfo rootInfo, Object rootSource, Object rootContext) {
        this.execution = execution;
        this.exceptions = exceptions;
        this.loaders = execution.getDataLoaderRegistry();
        this.plan = plan;
        Executor serial = execution.getGraphQLContext().get(LoadContext.COMPLETIONS);
        this.completions = serial != null ? serial : Runnable::run;
        this.root = new ObjectResult(plan.rootType(), plan.fields(), rootSource, rootContext, ResultPath.rootPath(),
                () -> rootInfo, null, true);
    }

    CompletableFuture<ExecutionResult> run() {
        fields(root);
        return waves().handle((done, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof AbortExecutionException abort) {
                    return abort.toExecutionResult();
                }
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            return new ExecutionResultImpl(root.dead ? null : root.values, execution.getErrors());
        });
    }

    /** Fetches waiting for a batch load, in the order they were started. */
    private List<Fetch> pending = new ArrayList<>();

    /**
     * Fetches every field of {@code object}. What is there at once is completed at once, and the
     * objects it leads to are fetched in turn, so everything that needs no load is done before
     * the loaders are dispatched: the same waves of loads as graphql-java's exhausted dispatching.
     */
    private void fields(ObjectResult object) {
        for (PlannedField field : object.fields) {
            Fetch fetch = fetch(object, field);
            if (fetch.pending != null) {
                pending.add(fetch);
            } else {
                complete(fetch.owner, fetch.field, fetch.done);
            }
        }
    }

    /**
     * One wave: the loaders are dispatched once for every key queued so far, and when all the
     * values waited for are in they are completed, which queues the next wave's keys.
     */
    private CompletableFuture<Void> waves() {
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (execution.getExecutionInput().isCancelled()) {
            // The request's time ran out (or its client left): no further wave is sent to the stores.
            return CompletableFuture.failedFuture(new AbortExecutionException("Execution has been asked to be cancelled"));
        }
        List<Fetch> wave = pending;
        pending = new ArrayList<>();
        CompletableFuture<?>[] values = new CompletableFuture<?>[wave.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = wave.get(i).pending;
        }
        dispatch();
        CompletableFuture<Void> all = CompletableFuture.allOf(values);
        watch(all);
        return all.thenCompose(done -> {
            for (Fetch fetch : wave) {
                complete(fetch.owner, fetch.field, fetch.pending.join());
            }
            return waves();
        });
    }

    /**
     * Dispatches every loader with keys waiting, one by one as graphql-java's dispatching does (the
     * registry's own dispatchAll is DGS's, which may leave loaders it did not create alone).
     */
    private void dispatch() {
        for (DataLoader<?, ?> loader : loaders.getDataLoaders()) {
            if (loader.dispatchDepth() > 0) {
                // Keys queued while this batch's values are completed (a load chained on another)
                // are dispatched once those completions have run: they run on the request's
                // serial executor, so a task queued behind them sees every key they queued.
                loader.dispatch().whenComplete((values, failure) -> completions.execute(this::dispatchIfQueued));
            }
        }
    }

    private void dispatchIfQueued() {
        if (queued() > 0) {
            dispatch();
        }
    }

    /** Keys queued on the request's loaders and not yet dispatched. */
    private int queued() {
        int queued = 0;
        for (DataLoader<?, ?> loader : loaders.getDataLoaders()) {
            queued += loader.dispatchDepth();
        }
        return queued;
    }

    /**
     * The net under a load queued by a callback of a fetcher's own store call (not of a batch):
     * nothing else would dispatch it, so while a wave is still out, queued keys are dispatched
     * every few milliseconds.
     */
    private void watch(CompletableFuture<?> wave) {
        if (!wave.isDone()) {
            CompletableFuture.delayedExecutor(WATCH_MILLIS, TimeUnit.MILLISECONDS, completions).execute(() -> {
                if (!wave.isDone()) {
                    dispatchIfQueued();
                    watch(wave);
                }
            });
        }
    }

    private static final long WATCH_MILLIS = 20;

    /** A field's value as fetched: the data, and the local context its children get. */
    private record Fetched(Object value, Object localContext) {
    }

    private static final class Fetch {
        final ObjectResult owner;
        final PlannedField field;
        final Fetched done;
        final CompletableFuture<Fetched> pending;

        Fetch(ObjectResult owner, PlannedField field, Fetched done, CompletableFuture<Fetched> pending) {
            this.owner = owner;
            this.field = field;
            this.done = done;
            this.pending = pending;
        }
    }

    private Fetch fetch(ObjectResult owner, PlannedField field) {
        if (field.typename()) {
            return new Fetch(owner, field, new Fetched(owner.type.getName(), owner.localContext), null);
        }
        ResultPath path = owner.path.segment(field.resultKey());
        Supplier<ExecutionStepInfo> info = FpKit.intraThreadMemoize(() -> fieldInfo(owner, field, path));
        Supplier<DataFetchingEnvironment> environment = FpKit.intraThreadMemoize(() -> environment(owner, field, info));
        Object raw;
        try {
            raw = field.light()
                    ? ((LightDataFetcher<?>) field.fetcher()).get(field.definition(), owner.source, environment)
                    : field.fetcher().get(environment.get());
            raw = ReactiveSupport.fetchedObject(Async.toCompletableFutureOrMaterializedObject(raw));
        } catch (Exception failure) {
            raw = CompletableFuture.failedFuture(failure);
        }
        if (raw instanceof CompletableFuture<?> done && done.isDone() && !done.isCompletedExceptionally()) {
            // Already there (a loader's cached value, a fetcher's completed future): no wave to wait for.
            return new Fetch(owner, field, unboxed(done.join(), owner.localContext), null);
        }
        if (raw instanceof CompletableFuture<?> future) {
            CompletableFuture<Fetched> fetched = future.handle((value, failure) -> failure == null
                            ? CompletableFuture.completedFuture(unboxed(value, owner.localContext))
                            : failed(environment.get(), failure, owner))
                    .thenCompose(inner -> inner);
            return new Fetch(owner, field, null, fetched);
        }
        return new Fetch(owner, field, unboxed(raw, owner.localContext), null);
    }

    /**
     * A fetched value or list item as graphql-java unboxes it: a DataFetcherResult gives its
     * errors and extensions to the response, its local context to what is below it (else the
     * surrounding one stays), and its data.
     */
    private Fetched unboxed(Object value, Object localContext) {
        if (value instanceof DataFetcherResult<?> result) {
            if (!result.getErrors().isEmpty()) {
                execution.addErrors(result.getErrors());
            }
            if (result.getExtensions() != null
                    && execution.getGraphQLContext().get(ExtensionsBuilder.class) instanceof ExtensionsBuilder extensions) {
                extensions.addValues(result.getExtensions());
            }
            return new Fetched(execution.getValueUnboxer().unbox(result.getData()),
                    result.getLocalContext() != null ? result.getLocalContext() : localContext);
        }
        return new Fetched(execution.getValueUnboxer().unbox(value), localContext);
    }

    /** As graphql-java: the exception handler's errors are the field's, and its value is null. */
    private CompletableFuture<Fetched> failed(DataFetchingEnvironment environment, Throwable failure, ObjectResult owner) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        DataFetcherExceptionHandlerParameters parameters = DataFetcherExceptionHandlerParameters.newExceptionParameters()
                .dataFetchingEnvironment(environment).exception(cause).build();
        CompletableFuture<graphql.execution.DataFetcherExceptionHandlerResult> handled;
        try {
            handled = exceptions.handleException(parameters);
        } catch (Exception handlerFailure) {
            handled = new SimpleDataFetcherExceptionHandler().handleException(DataFetcherExceptionHandlerParameters
                    .newExceptionParameters().dataFetchingEnvironment(environment).exception(handlerFailure).build());
        }
        return handled.thenApply(result -> {
            List<GraphQLError> errors = result.getErrors();
            if (!errors.isEmpty()) {
                execution.addErrors(errors);
            }
            return new Fetched(null, owner.localContext);
        });
    }

    private void complete(ObjectResult owner, PlannedField field, Fetched fetched) {
        ResultPath path = owner.path.segment(field.resultKey());
        Supplier<ExecutionStepInfo> info = FpKit.intraThreadMemoize(() -> fieldInfo(owner, field, path));
        value(field, field.type(), fetched.value(), fetched.localContext(), path, info, new FieldPosition(owner, field.resultKey()));
    }

    /** Completes {@code value} of {@code type} into {@code position}, as graphql-java's completeValue does. */
    private void value(PlannedField field, GraphQLOutputType type, Object value, Object localContext, ResultPath path,
                       Supplier<ExecutionStepInfo> info, Position position) {
        boolean nonNull = type instanceof GraphQLNonNull;
        GraphQLOutputType nullable = nonNull ? (GraphQLOutputType) GraphQLTypeUtil.unwrapOne(type) : type;
        if (value == null) {
            nullValue(nonNull, path, info, position);
            return;
        }
        if (nullable instanceof GraphQLList list) {
            if (!FpKit.isIterable(value)) {
                execution.addError(new TypeMismatchError(path, nullable));
                nullValue(nonNull, path, info, position);
                return;
            }
            Iterable<Object> items = FpKit.toIterable(value);
            ListResult results = new ListResult(position, nonNull);
            position.set(results.items);
            GraphQLOutputType itemType = (GraphQLOutputType) list.getWrappedType();
            for (Object item : items) {
                int index = results.items.size();
                ResultPath itemPath = path.segment(index);
                results.items.add(null);
                Supplier<ExecutionStepInfo> itemInfo = FpKit.intraThreadMemoize(
                        () -> ExecutionStepInfo.newExecutionStepInfo(info.get())
                                .type(itemType).parentInfo(info.get()).path(itemPath).build());
                // An item may be a DataFetcherResult of its own (errors, local context), as in graphql-java.
                Fetched unboxedItem = unboxed(item, localContext);
                value(field, itemType, unboxedItem.value(), unboxedItem.localContext(), itemPath, itemInfo,
                        new ItemPosition(results, index));
            }
            return;
        }
        if (nullable instanceof GraphQLObjectType object) {
            ObjectResult child = new ObjectResult(object, field.children(), value, localContext, path, info, position, nonNull);
            position.set(child.values);
            fields(child);
            return;
        }
        Object serialized;
        try {
            serialized = nullable instanceof GraphQLScalarType scalar
                    ? scalar.getCoercing().serialize(value, execution.getGraphQLContext(), execution.getLocale())
                    : ((GraphQLEnumType) nullable).serialize(value, execution.getGraphQLContext(), execution.getLocale());
        } catch (CoercingSerializeException e) {
            execution.addError(new SerializationError(path, e));
            serialized = null;
        }
        if (serialized == null) {
            nullValue(nonNull, path, info, position);
        } else {
            position.set(serialized);
        }
    }

    private void nullValue(boolean nonNull, ResultPath path, Supplier<ExecutionStepInfo> info, Position position) {
        if (!nonNull) {
            position.set(null);
            return;
        }
        // One error per path: a failed fetch that left this null has said it already.
        execution.addError(new NonNullableFieldWasNullError(new NonNullableFieldWasNullException(info.get(), path)), path);
        position.nullParent();
    }

    private ExecutionStepInfo fieldInfo(ObjectResult owner, PlannedField field, ResultPath path) {
        Map<String, Object> arguments = field.arguments();
        return ExecutionStepInfo.newExecutionStepInfo()
                .type(field.type()).fieldDefinition(field.definition()).fieldContainer(owner.type)
                .field(field.merged()).path(path).parentInfo(owner.info.get())
                .arguments(() -> ImmutableMapWithNullValues.copyOf(arguments))
                .build();
    }

    private DataFetchingEnvironment environment(ObjectResult owner, PlannedField field, Supplier<ExecutionStepInfo> info) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment(execution)
                .source(owner.source)
                .localContext(owner.localContext)
                .arguments(field.arguments())
                .fieldDefinition(field.definition())
                .mergedField(field.merged())
                .fieldType(field.type())
                .executionStepInfo(info)
                .parentType(owner.type)
                .selectionSet(DataFetchingFieldSelectionSetImpl.newCollector(execution.getGraphQLSchema(), field.type(),
                        field::normalized))
                .queryDirectives(field.directives())
                // The run dispatches the loaders itself, once per level; graphql-java's dispatching
                // strategy (idle here) would dispatch every single load on its own.
                .dataLoaderDispatchStrategy(DataLoaderDispatchStrategy.NO_OP)
                .level(owner.path.getLevel() + 1)
                .build();
    }

    /** A value of the response that becomes null as a whole when a non-null value in it is null. */
    private abstract static class Nullable {
        final Position position;
        final boolean nonNull;
        boolean dead;

        Nullable(Position position, boolean nonNull) {
            this.position = position;
            this.nonNull = nonNull;
        }

        /** It is null where it stands; if it may not be, what holds it is null in turn. */
        void nullify() {
            if (dead) {
                return;
            }
            dead = true;
            if (position == null) {
                return;
            }
            if (nonNull) {
                position.nullParent();
            } else {
                position.set(null);
            }
        }
    }

    /** An object of the response being filled: its values in the order the plan selects them. */
    private static final class ObjectResult extends Nullable {
        final GraphQLObjectType type;
        final List<PlannedField> fields;
        final Object source;
        final Object localContext;
        final ResultPath path;
        final Supplier<ExecutionStepInfo> info;
        final Map<String, Object> values;

        ObjectResult(GraphQLObjectType type, List<PlannedField> fields, Object source, Object localContext, ResultPath path,
                     Supplier<ExecutionStepInfo> info, Position position, boolean nonNull) {
            super(position, nonNull);
            this.type = type;
            this.fields = fields;
            this.source = source;
            this.localContext = localContext;
            this.path = path;
            this.info = info;
            this.values = new LinkedHashMap<>(Math.max(4, fields.size() * 2));
            for (PlannedField field : fields) {
                values.put(field.resultKey(), null);
            }
        }
    }

    private static final class ListResult extends Nullable {
        final List<Object> items = new ArrayList<>();

        ListResult(Position position, boolean nonNull) {
            super(position, nonNull);
        }
    }

    /** Where a value goes in the response. */
    private interface Position {
        void set(Object value);

        /** The value here is null and may not be: what holds it is null. */
        void nullParent();
    }

    private record FieldPosition(ObjectResult owner, String key) implements Position {
        @Override
        public void set(Object value) {
            owner.values.put(key, value);
        }

        @Override
        public void nullParent() {
            owner.nullify();
        }
    }

    private record ItemPosition(ListResult list, int index) implements Position {
        @Override
        public void set(Object value) {
            list.items.set(index, value);
        }

        @Override
        public void nullParent() {
            list.nullify();
        }
    }
}
