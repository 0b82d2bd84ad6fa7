package io.cascade.engine.payload;

import java.util.List;

/** Ready-made payload templates for common receivers; each renders to valid JSON. */
public final class PayloadTemplates {

    public static final List<PayloadTemplate> ALL = List.of(
            new PayloadTemplate("github-repository-dispatch", "GitHub repository dispatch",
                    "Starts a GitHub Actions workflow that listens for repository_dispatch of type "
                            + "BUILD_AND_DEPLOY. Use a GitHub token with repo scope as the webhook's access token.",
                    """
                    {
                      "event_type": "BUILD_AND_DEPLOY",
                      "client_payload": {
                        "event_author": "${event_author}",
                        "artifact_version": "${artifact_version}",
                        "artifact_version_string": "${artifact_version_string}",
                        "artifact_collection_name": "${artifact_collection_name}",
                        "project_name": "${project_name}",
                        "entity_name": "${entity_name}"
                      }
                    }"""),
            new PayloadTemplate("microsoft-teams", "Microsoft Teams notification",
                    "A message card for a Teams channel's incoming webhook URL.",
                    """
                    {
                      "@type": "MessageCard",
                      "@context": "http://schema.org/extensions",
                      "summary": "Artifact event ${event_type}",
                      "sections": [
                        {
                          "activityTitle": "Cascade: ${artifact_version_string}",
                          "facts": [
                            {"name": "Author", "value": "${event_author}"},
                            {"name": "Event type", "value": "${event_type}"},
                            {"name": "Project", "value": "${entity_name}/${project_name}"}
                          ],
                          "markdown": true
                        }
                      ]
                    }"""),
            new PayloadTemplate("slack", "Slack notification",
                    "Blocks for a Slack incoming webhook (or chat.postMessage with a bot token as access token).",
                    """
                    {
                      "text": "Artifact event ${event_type}: ${artifact_version_string}",
                      "blocks": [
                        {"type": "section", "text": {"type": "mrkdwn", "text": "*${event_type}*: ${artifact_version_string}"}},
                        {"type": "divider"},
                        {"type": "section", "text": {"type": "mrkdwn", "text": "Author: ${event_author}"}}
                      ]
                    }"""));

    private PayloadTemplates() {
    }

    public record PayloadTemplate(String id, String name, String description, String template) {
    }
}
