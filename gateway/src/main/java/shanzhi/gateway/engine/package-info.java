/**
 * The planned engine: a query is planned once from its normalised operation (fragments merged,
 * aliases, {@code @skip}/{@code @include} and variables applied) and run in waves, every field
 * that can be fetched fetched before the batch loaders are dispatched once for the whole wave, so
 * each source sends one statement per wave and independent stores are asked at the same time. Each
 * field runs the schema's own fetcher (its binding, field rules, purpose and audit recording
 * wrapped around it, all in one place as before); plain record properties are read without an
 * environment. graphql-java's per-field machinery (execution step infos, instrumentation chains,
 * fetched-value wrappers) is not run. What the planner declines is answered by graphql-java's own
 * strategy, the reference ({@link shanzhi.gateway.engine.Planner#plan}).
 */
package shanzhi.gateway.engine;
