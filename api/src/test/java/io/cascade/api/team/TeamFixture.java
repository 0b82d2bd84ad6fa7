package io.cascade.api.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The api tests' one fixture: a fresh team with one project, set up through the API by the system
 * administrator, and builders for its users, secrets, webhooks, automations and events. Names are
 * unique, so tests never see each other's data.
 */
public final class TeamFixture {

    public static final String PROJECT = "churn";
    public static final String COLLECTION = "training-data";
    /** The webhook {@link #ciWebhook} creates and {@link #notifyCi} calls. */
    public static final String CI = "ci";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient admin;
    private final String name;

    private TeamFixture(RestClient admin, String name) {
        this.admin = admin;
        this.name = name;
    }

    /** A new team with project {@value #PROJECT}. */
    public static TeamFixture create(RestClient admin) {
        TeamFixture team = new TeamFixture(admin, unique("team"));
        admin.post().uri("/api/v1/teams").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", team.name)).retrieve().toBodilessEntity();
        team.project(PROJECT);
        return team;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The password {@link #user} gives every user it creates. */
    public static String password(String username) {
        return username + "-password";
    }

    /** A new user outside every team. */
    public static String user(RestClient admin, String prefix) {
        String username = unique(prefix);
        admin.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", username, "password", password(username))).retrieve().toBodilessEntity();
        return username;
    }

    public String name() {
        return name;
    }

    /** A new user with the role ("VIEWER", "MEMBER", "ADMIN") in this team. */
    public String member(String role) {
        String username = user(admin, role.toLowerCase());
        admin.put().uri("/api/v1/teams/{team}/members/{user}", name, username).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("role", role)).retrieve().toBodilessEntity();
        return username;
    }

    public void project(String project) {
        admin.post().uri("/api/v1/teams/{team}/projects", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", project)).retrieve().toBodilessEntity();
    }

    public TeamFixture secret(String secret, String value) {
        admin.put().uri("/api/v1/teams/{team}/secrets/{name}", name, secret).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", value)).retrieve().toBodilessEntity();
        return this;
    }

    /** Webhook {@value #CI} to the URL, signing with the secret and sending the access token if named. */
    public TeamFixture ciWebhook(String url, String secret, String accessToken) {
        Map<String, Object> body = new HashMap<>(Map.of("name", CI, "url", url));
        if (secret != null) {
            body.put("secret", secret);
        }
        if (accessToken != null) {
            body.put("accessToken", accessToken);
        }
        post("/api/v1/teams/" + name + "/webhooks", body);
        return this;
    }

    /** Automation notify-ci: a new version in {@value #COLLECTION} calls webhook {@value #CI} with the payload. */
    public TeamFixture notifyCi(String payload) {
        post("/api/v1/teams/" + name + "/projects/" + PROJECT + "/automations", Map.of("name", "notify-ci",
                "enabled", true, "event", Map.of("type", "CREATE_ARTIFACT", "collection", COLLECTION),
                "action", Map.of("type", "GENERIC_WEBHOOK", "webhook", CI, "payload", payload)));
        return this;
    }

    /** Posts a new version in {@value #COLLECTION} by the author; returns the one execution's id. */
    public String fire(String author) {
        JsonNode answer = post("/api/v1/events", Map.of("type", "CREATE_ARTIFACT", "entity", name, "project", PROJECT,
                "author", author, "collection", COLLECTION,
                "artifact", Map.of("id", "QXJ0aWZhY3Q6NTE3ODg5ODg3", "version", "v3", "type", "dataset")));
        return answer.get("executions").get(0).get("id").asText();
    }

    /**
     * Redelivers the execution as a client should: a 409 says its last attempt is still being
     * recorded (the run has just failed and its incident is not written yet), so it asks again.
     */
    public void redeliver(String id) {
        int status = await().atMost(Duration.ofSeconds(30)).until(() -> admin.post()
                .uri("/api/v1/executions/{id}/redeliver", id).contentType(MediaType.APPLICATION_JSON).body(Map.of())
                .exchange((request, response) -> response.getStatusCode().value()), answer -> answer != 409);
        assertThat(status).as("redeliver of " + id).isEqualTo(202);
    }

    public JsonNode execution(String id) {
        return get("/api/v1/executions/" + id);
    }

    /** GET as the system administrator, the body as JSON. */
    public JsonNode get(String uri) {
        return read(admin.get().uri(uri).retrieve().body(String.class));
    }

    /** POST as the system administrator, the body as JSON. */
    public JsonNode post(String uri, Object body) {
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

    public void webhook(String webhook, String url) {
        admin.post().uri("/api/v1/teams/{team}/webhooks", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", webhook, "url", url)).retrieve().toBodilessEntity();
    }

    /** Creates an automation from the request body; returns its id. */
    public String automation(Map<String, Object> body) {
        JsonNode created = admin.post().uri("/api/v1/teams/{team}/projects/{project}/automations", name, PROJECT)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
        return created.get("id").asText();
    }

    /** A request for an automation that calls the webhook on a new version in the collection. */
    public static Map<String, Object> onNewVersion(String automation, String collection, String webhook) {
        return request(automation, Map.of("type", "CREATE_ARTIFACT", "collection", collection), webhook, null);
    }

    /** A request for an automation that calls the webhook when an alias matching the pattern is added. */
    public static Map<String, Object> onAlias(String automation, String aliasPattern, String webhook) {
        return request(automation, Map.of("type", "ADD_ARTIFACT_ALIAS", "aliasPattern", aliasPattern), webhook, null);
    }

    public static Map<String, Object> request(String automation, Map<String, Object> event, String webhook,
                                              String payload) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "GENERIC_WEBHOOK");
        action.put("webhook", webhook);
        if (payload != null) {
            action.put("payload", payload);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", automation);
        body.put("description", "fires on " + event.get("type"));
        body.put("enabled", true);
        body.put("event", event);
        body.put("action", action);
        return body;
    }

    /** The example event, for this team's project; a mutable map, so a test can change one field. */
    public Map<String, Object> event(String type, String collection) {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("id", "QXJ0aWZhY3Q6NTE3ODg5ODg3");
        artifact.put("version", "v3");
        artifact.put("type", "dataset");
        artifact.put("metadata", Map.of("rows", 1200));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("entity", name);
        event.put("project", PROJECT);
        event.put("author", "alice");
        event.put("collection", collection);
        event.put("artifact", artifact);
        return event;
    }

    public Map<String, Object> newVersion() {
        return event("CREATE_ARTIFACT", COLLECTION);
    }

    public Map<String, Object> aliasAdded(String alias) {
        Map<String, Object> event = event("ADD_ARTIFACT_ALIAS", COLLECTION);
        event.put("alias", alias);
        return event;
    }
}
