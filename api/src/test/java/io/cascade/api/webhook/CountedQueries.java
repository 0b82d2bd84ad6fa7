package io.cascade.api.webhook;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Counts the queries Camunda runs on the calling thread while some work runs, by statement name
 * (e.g. {@code selectExecutionsByProcessInstanceId}). A MyBatis plugin on the engine's mapper: it is
 * added once per engine and counts nothing outside {@link #during}.
 */
@Intercepts(@Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
final class CountedQueries implements Interceptor {

    private static final Map<ProcessEngineConfigurationImpl, CountedQueries> ADDED = new HashMap<>();

    private final ThreadLocal<Map<String, Integer>> counting = new ThreadLocal<>();

    static synchronized CountedQueries on(ProcessEngineConfigurationImpl engine) {
        return ADDED.computeIfAbsent(engine, added -> {
            CountedQueries plugin = new CountedQueries();
            added.getSqlSessionFactory().getConfiguration().addInterceptor(plugin);
            return plugin;
        });
    }

    /** The queries {@code work} made, by statement name, with how often each ran. */
    Map<String, Integer> during(Runnable work) {
        Map<String, Integer> counted = new HashMap<>();
        counting.set(counted);
        try {
            work.run();
        } finally {
            counting.remove();
        }
        return counted;
    }

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        Map<String, Integer> counted = counting.get();
        if (counted != null) {
            String id = ((MappedStatement) invocation.getArgs()[0]).getId();
            counted.merge(id.substring(id.lastIndexOf('.') + 1), 1, Integer::sum);
        }
        return invocation.proceed();
    }

    @Override
    public void setProperties(Properties properties) {
    }
}
