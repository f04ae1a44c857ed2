package shanzhi.gateway.resilience;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.gateway.observability.StatementObservation;

/**
 * A department's DatabaseClient whose every result publisher (all(), one(), first(),
 * rowsUpdated(), then(), inConnection...) goes through the department's {@link SourceGuard}.
 * The fluent specs in between (sql, bind, map, fetch) are wrapped the same way, so the guard
 * applies however a repository chains its call; repositories stay unaware of it. Each call is
 * observed (timer and span) outside the guard, so a refused call is timed as well.
 */
public final class GuardedDatabaseClient {
    private static final String SPEC_PACKAGE = DatabaseClient.class.getPackageName();

    private GuardedDatabaseClient() {
    }

    public static DatabaseClient of(DatabaseClient client, SourceGuard guard, StatementObservation observation) {
        return wrap(DatabaseClient.class, client, guard, observation);
    }

    private static <T> T wrap(Class<T> type, Object target, SourceGuard guard, StatementObservation observation) {
        InvocationHandler handler = (proxy, method, args) -> invoke(target, method, args, guard, observation);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args, SourceGuard guard,
                                 StatementObservation observation) throws Throwable {
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        Class<?> type = method.getReturnType();
        if (result instanceof Mono<?> mono) {
            return observation.observe(guard.guard(mono));
        }
        if (result instanceof Flux<?> flux) {
            return observation.observe(guard.guard(flux));
        }
        // The connection factory itself (getConnectionFactory) stays unguarded: it is not a statement.
        if (result != null && type.isInterface() && type.getPackageName().equals(SPEC_PACKAGE)) {
            return wrap(type, result, guard, observation);
        }
        return result;
    }
}
