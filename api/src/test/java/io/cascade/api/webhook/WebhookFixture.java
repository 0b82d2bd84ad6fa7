package io.cascade.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A team with project "churn", secrets, a webhook "ci" and one automation on training-data. */
final class WebhookFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    final String team;
    private final RestClient admin;

    WebhookFixture(RestClient admin, String team) {
        this.admin = admin;
        this.team = team;
        post("/api/v1/teams", Map.of("name", team));
        post("/api/v1/teams/" + team + "/projects", Map.of("name", "churn"));
    }

    WebhookFixture secret(String name, String value) {
        admin.put().uri("/api/v1/teams/{team}/secrets/{name}", team, name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", value)).retrieve().toBodilessEntity();
        return this;
    }

    WebhookFixture webhook(String url, String secret, String accessToken) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "ci", "url", url));
        if (secret != null) {
            body.put("secret", secret);
        }
        if (accessToken != null) {
            body.put("accessToken", accessToken);
        }
        post("/api/v1/teams/" + team + "/webhooks", body);
        return this;
    }

    WebhookFixture automation(String payload) {
        post("/api/v1/teams/" + team + "/projects/churn/automations", Map.of("name", "notify-ci", "enabled", true,
                "event", Map.of("type", "CREATE_ARTIFACT", "collection", "training-data"),
                "action", Map.of("type", "GENERIC_WEBHOOK", "webhook", "ci", "payload", payload)));
        return this;
    }

    /** Posts a CREATE_ARTIFACT event on training-data; returns the one execution's id. */
    String event(String author) {
        JsonNode answer = post("/api/v1/events", Map.of("type", "CREATE_ARTIFACT", "entity", team, "project", "churn",
                "author", author, "collection", "training-data",
                "artifact", Map.of("id", "QXJ0aWZhY3Q6NTE3ODg5ODg3", "version", "v3", "type", "dataset")));
        return answer.get("executions").get(0).get("id").asText();
    }

    JsonNode execution(String id) {
        return get("/api/v1/executions/" + id);
    }

    JsonNode get(String uri) {
        return read(admin.get().uri(uri).retrieve().body(String.class));
    }

    JsonNode post(String uri, Object body) {
        return read(admin.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .body(String.class));
    }

    private static JsonNode read(String text) {
        try {
            return text == null ? JSON.nullNode() : JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
