package io.cascade.api.webhook;

import io.cascade.engine.common.Caller;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import io.cascade.engine.webhook.Webhook;
import io.cascade.engine.webhook.WebhookRequest;
import io.cascade.engine.webhook.WebhookService;
import io.cascade.engine.webhook.delivery.ReceiverResponse;
import io.cascade.engine.webhook.delivery.WebhookTester;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A team's webhooks, by name; team admins only. */
@RestController
@RequestMapping("/api/v1/teams/{team}/webhooks")
class WebhookController {

    private final WebhookService webhooks;
    private final TeamAccess access;
    private final WebhookTester tester;

    WebhookController(WebhookService webhooks, TeamAccess access, WebhookTester tester) {
        this.webhooks = webhooks;
        this.access = access;
        this.tester = tester;
    }

    @PostMapping
    ResponseEntity<WebhookView> create(Caller caller, @PathVariable String team, @RequestBody WebhookRequest body) {
        Webhook webhook = webhooks.create(access.require(caller, team, TeamRole.ADMIN), body);
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team + "/webhooks/" + webhook.name()))
                .body(WebhookView.of(webhook));
    }

    @GetMapping
    List<WebhookView> list(Caller caller, @PathVariable String team) {
        return webhooks.list(access.require(caller, team, TeamRole.ADMIN)).stream().map(WebhookView::of).toList();
    }

    @GetMapping("/{name}")
    WebhookView get(Caller caller, @PathVariable String team, @PathVariable String name) {
        Team owner = access.require(caller, team, TeamRole.ADMIN);
        return WebhookView.of(webhooks.require(owner.id(), name));
    }

    @PutMapping("/{name}")
    WebhookView update(Caller caller, @PathVariable String team, @PathVariable String name,
                       @RequestBody WebhookRequest body) {
        return WebhookView.of(webhooks.update(access.require(caller, team, TeamRole.ADMIN), name, body));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String team, @PathVariable String name) {
        webhooks.delete(access.require(caller, team, TeamRole.ADMIN), name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{name}/test")
    TestResult test(Caller caller, @PathVariable String team, @PathVariable String name,
                    @RequestBody(required = false) TestRequest body) {
        ReceiverResponse response = tester.test(access.require(caller, team, TeamRole.ADMIN), name,
                body == null ? null : body.payload());
        return new TestResult(response.succeeded(), response.status(), response.headers(), response.body(),
                response.durationMs(), response.error());
    }

    record TestRequest(String payload) {
    }

    record TestResult(boolean ok, Integer status, Map<String, String> headers, String body, long durationMs,
                      String error) {
    }

    record WebhookView(String name, String url, String secret, String accessToken, boolean enabled,
                       String disabledReason) {
        static WebhookView of(Webhook w) {
            return new WebhookView(w.name(), w.url(), w.secretName(), w.accessTokenName(), !w.disabled(),
                    w.disabledReason());
        }
    }
}
