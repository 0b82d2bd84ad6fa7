package io.cascade.engine.camunda;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * The id of the latest (tenant-less) version of a process, read at most once per sync interval.
 * Starting by key asks the database for the latest version on every start; starting by id finds
 * the definition in the engine's deployment cache. A version deployed on any node is used by every
 * node within the interval.
 */
final class LatestDefinitions {

    private final RepositoryService repository;
    private final long ttlNanos;
    private final Map<String, Latest> byKey = new ConcurrentHashMap<>();

    LatestDefinitions(RepositoryService repository, Duration ttl) {
        this.repository = repository;
        this.ttlNanos = ttl.toNanos();
    }

    String latest(String key) {
        long now = System.nanoTime();
        Latest latest = byKey.get(key);
        if (latest == null || now - latest.readAt() > ttlNanos) {
            latest = new Latest(read(key), now);
            byKey.put(key, latest);
        }
        return latest.id();
    }

    private String read(String key) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .withoutTenantId().latestVersion().singleResult();
        if (definition == null) {
            throw new ProcessEngineException("no process definition with key " + key + " is deployed");
        }
        return definition.getId();
    }

    private record Latest(String id, long readAt) {
    }
}
