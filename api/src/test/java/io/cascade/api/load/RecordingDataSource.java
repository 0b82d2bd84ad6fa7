package io.cascade.api.load;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A DataSource that remembers every statement it ran with its bound parameters (queries, updates
 * and each statement of a batch), so the benchmark can run exactly those again under EXPLAIN
 * ANALYZE. Recording can be switched off ({@link #recording}); a connection taken while it is off
 * hands out its statements unwatched.
 */
final class RecordingDataSource {

    /** A query as it was sent: the SQL and the setter calls that bound its parameters. */
    record Query(String sql, List<Binding> bindings) {

        /** EXPLAIN (ANALYZE, BUFFERS) of this query, bound the same way, one plan line per element. */
        List<String> explain(Connection connection) throws SQLException {
            List<String> plan = new ArrayList<>();
            try (PreparedStatement explain = connection.prepareStatement("explain (analyze, buffers) " + sql)) {
                for (Binding binding : bindings) {
                    binding.apply(explain);
                }
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            }
            return plan;
        }
    }

    record Binding(Method setter, Object[] arguments) {

        void apply(PreparedStatement statement) throws SQLException {
            try {
                setter.invoke(statement, arguments);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new SQLException("could not bind " + setter.getName(), e);
            }
        }
    }

    private final List<Query> queries = new ArrayList<>();
    private volatile boolean recording = true;

    /** Records from now on (true, the default) or not (false). */
    void recording(boolean on) {
        recording = on;
    }

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, args, result) ->
                "getConnection".equals(method.getName()) ? connection((Connection) result) : result);
    }

    /** The queries run since the last call, and forgets them. */
    synchronized List<Query> drain() {
        List<Query> drained = List.copyOf(queries);
        queries.clear();
        return drained;
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args, result) ->
                "prepareStatement".equals(method.getName()) && recording
                        ? statement((PreparedStatement) result, (String) args[0]) : result);
    }

    private PreparedStatement statement(PreparedStatement target, String sql) {
        List<Binding> bindings = new ArrayList<>();
        return proxy(PreparedStatement.class, target, (method, args, result) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                bindings.add(new Binding(method, args.clone()));
            } else if (args == null && (EXECUTES.contains(method.getName()))) {
                record(sql, bindings);
            } else if ("addBatch".equals(method.getName()) && args == null) {
                record(sql, bindings);
                bindings.clear();
            }
            return result;
        });
    }

    private static final List<String> EXECUTES = List.of("executeQuery", "executeUpdate", "execute",
            "executeLargeUpdate");

    private synchronized void record(String sql, List<Binding> bindings) {
        if (recording) {
            queries.add(new Query(sql, List.copyOf(bindings)));
        }
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
        return (T) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    try {
                        return after.apply(method, args, method.invoke(target, args));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
