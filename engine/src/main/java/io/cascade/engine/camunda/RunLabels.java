package io.cascade.engine.camunda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operator searches a run by in Cockpit: which automation fired on which event, and what
 * it ran. Plain names only: no secret and no rendered payload ever becomes a Camunda variable.
 * A launch carries them from its start (it waits for an agent); a webhook run starts with
 * {@link #deliveryVariables()} only and gains the rest when an attempt fails, which is when it waits
 * in Cockpit for a retry or an operator: most runs are delivered within a second, and each variable
 * is a row of eleven indexes written and deleted (eight more were a third of the rows a run cost).
 */
public record RunLabels(String executionId, String automationId, String automationName, String project,
                        String eventId, String eventKey, String eventType, String collection,
                        String artifactVersion, String actionName) {

    public static final String ACTION_NAME = "actionName";

    /** Camunda's business key column holds 255 characters. */
    static final int MAX_BUSINESS_KEY = 255;

    /** {@code <project>/<automation>/<event key>}, cut to the column's length (the variables hold each part whole). */
    String businessKey() {
        String key = project + "/" + automationName + "/" + eventKey;
        return key.length() <= MAX_BUSINESS_KEY ? key : key.substring(0, MAX_BUSINESS_KEY);
    }

    /** All the labels, as variables: a launch's from its start. */
    Map<String, Object> variables() {
        Map<String, Object> variables = deliveryVariables();
        variables.putAll(searchVariables());
        return variables;
    }

    /** What the delivery worker reads from a webhook run's task: the execution, whose row has the rest. */
    Map<String, Object> deliveryVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(ActionProcesses.EXECUTION_ID, executionId);
        return variables;
    }

    /** The rest, which a webhook run gains when an attempt fails (it has the delivery variables already). */
    public Map<String, Object> searchVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(ACTION_NAME, actionName);
        variables.put("automationId", automationId);
        variables.put("automationName", automationName);
        variables.put("project", project);
        variables.put("eventId", eventId);
        variables.put("eventKey", eventKey);
        variables.put("eventType", eventType);
        variables.put("collection", collection);
        variables.put("artifactVersion", artifactVersion);
        return variables;
    }
}
