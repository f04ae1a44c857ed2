package shanzhi.gateway.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Mono;

/**
 * Counts each statement (or batch) the gateway executes on a department's pool. Plain delegation
 * down to the statement and no further: results and rows pass through untouched. (r2dbc-proxy,
 * used here before, wraps every Result and Row in a reflective JDK proxy; that was about a fifth
 * of the R2DBC threads' CPU in the benchmark's profile.)
 */
final class CountingConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {
    private static final Logger log = LoggerFactory.getLogger(StatementCounter.class);
    private final ConnectionFactory delegate;
    private final AtomicLong count;
    private final String department;

    CountingConnectionFactory(ConnectionFactory delegate, AtomicLong count, String department) {
        this.delegate = delegate;
        this.count = count;
        this.department = department;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.from(delegate.create()).map(CountingConnection::new);
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return delegate;
    }

    private final class CountingConnection implements Connection, Wrapped<Connection> {
        private final Connection connection;

        CountingConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Statement createStatement(String sql) {
            return new CountingStatement(connection.createStatement(sql), log.isTraceEnabled() ? sql : null);
        }

        @Override
        public Batch createBatch() {
            Batch batch = connection.createBatch();
            return new Batch() {
                @Override
                public Batch add(String sql) {
                    batch.add(sql);
                    return this;
                }

                @Override
                public Publisher<? extends Result> execute() {
                    count.incrementAndGet();
                    return StatementTally.counted(batch.execute());
                }
            };
        }

        @Override
        public Connection unwrap() {
            return connection;
        }

        @Override
        public Publisher<Void> beginTransaction() {
            return connection.beginTransaction();
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return connection.beginTransaction(definition);
        }

        @Override
        public Publisher<Void> close() {
            return connection.close();
        }

        @Override
        public Publisher<Void> commitTransaction() {
            return connection.commitTransaction();
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return connection.createSavepoint(name);
        }

        @Override
        public boolean isAutoCommit() {
            return connection.isAutoCommit();
        }

        @Override
        public ConnectionMetadata getMetadata() {
            return connection.getMetadata();
        }

        @Override
        public IsolationLevel getTransactionIsolationLevel() {
            return connection.getTransactionIsolationLevel();
        }

        @Override
        public Publisher<Void> releaseSavepoint(String name) {
            return connection.releaseSavepoint(name);
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return connection.rollbackTransaction();
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return connection.rollbackTransactionToSavepoint(name);
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return connection.setAutoCommit(autoCommit);
        }

        @Override
        public Publisher<Void> setLockWaitTimeout(Duration timeout) {
            return connection.setLockWaitTimeout(timeout);
        }

        @Override
        public Publisher<Void> setStatementTimeout(Duration timeout) {
            return connection.setStatementTimeout(timeout);
        }

        @Override
        public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
            return connection.setTransactionIsolationLevel(level);
        }

        @Override
        public Publisher<Boolean> validate(ValidationDepth depth) {
            return connection.validate(depth);
        }
    }

    private final class CountingStatement implements Statement {
        private final Statement statement;
        /** With TRACE on: the SQL and its bound values (the benchmark's raw-SQL baseline was copied from this log). */
        private final String traced;
        private final List<String> bound = new ArrayList<>();

        CountingStatement(Statement statement, String traced) {
            this.statement = statement;
            this.traced = traced;
        }

        @Override
        public Publisher<? extends Result> execute() {
            count.incrementAndGet();
            if (traced != null) {
                log.trace("{} {} {}", department, traced.replaceAll("\\s+", " "), bound);
            }
            return StatementTally.counted(statement.execute());
        }

        private void trace(Object value) {
            if (traced != null) {
                bound.add(String.valueOf(value));
            }
        }

        @Override
        public Statement add() {
            statement.add();
            return this;
        }

        @Override
        public Statement bind(int index, Object value) {
            trace(value);
            statement.bind(index, value);
            return this;
        }

        @Override
        public Statement bind(String name, Object value) {
            trace(value);
            statement.bind(name, value);
            return this;
        }

        @Override
        public Statement bindNull(int index, Class<?> type) {
            trace(null);
            statement.bindNull(index, type);
            return this;
        }

        @Override
        public Statement bindNull(String name, Class<?> type) {
            trace(null);
            statement.bindNull(name, type);
            return this;
        }

        @Override
        public Statement returnGeneratedValues(String... columns) {
            statement.returnGeneratedValues(columns);
            return this;
        }

        @Override
        public Statement fetchSize(int rows) {
            statement.fetchSize(rows);
            return this;
        }
    }
}
