package io.cascade.api.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.titleContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Chromium;
import io.cascade.api.support.Receiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;

/**
 * Drives the real single-page app (served by the API module from the cascade-frontend jar) in headless
 * Debian Chromium through every flow a user has: signing in, team settings, the automation wizard and
 * its preview, History and an execution's detail, redelivery, and the same pages as a viewer and as
 * another team's user. Every page is checked with axe-core for serious and critical violations.
 *
 * <p>Needs the Debian packages {@code chromium} and {@code chromium-driver}. Nothing is downloaded: the
 * driver executable and the browser binary are set explicitly, so Selenium Manager is never needed.
 * axe-core comes from the frontend's npm dependencies.
 */
class FrontendEndToEndTest extends ApiIntegrationTest {

    private static final Path AXE = Path.of("../frontend/node_modules/axe-core/axe.min.js");
    private static final Path SCREENSHOTS = Path.of("../docs/screenshots");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** History must show a status change without a reload within 5 s; the wait allows for the run itself. */
    private static final Duration LIVE_UPDATE = Duration.ofSeconds(15);

    private static final By USERNAME = By.name("username");
    private static final By PASSWORD = By.name("password");
    private static final By SIGN_IN = By.xpath("//button[@type='submit' and normalize-space()='Sign in']");
    private static final By ALERT = By.cssSelector("[role='alert']");
    private static final By HISTORY = By.cssSelector("table[aria-label='Executions']");
    private static final By AUTOMATIONS = By.cssSelector("table[aria-label='Automations']");

    private Chromium chromium;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        assertThat(AXE).as("axe-core (npm ci in frontend/)").isReadable();
        chromium = Chromium.start("1360,900");
        driver = chromium.driver();
        wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> "the page shows:\n" + visibleText());
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void adminSetsUpAWebhookAutomationWatchesItRunAndRedeliversIt() throws IOException {
        String team = unique("acme");
        String project = unique("churn");
        post("/api/v1/teams", Map.of("name", team));
        post("/api/v1/teams/{team}/projects", Map.of("name", project), team);
        String colleague = unique("colleague");
        post("/api/v1/users", Map.of("username", colleague, "password", "colleague-password"));

        try (Receiver receiver = new Receiver()) {
            // A deep link while signed out goes to sign-in, which refuses a wrong password, then comes back.
            open("/teams/" + team + "/projects/" + project);
            wait.until(visibilityOfElementLocated(USERNAME));
            checkAccessibility("sign-in");
            typeInto(USERNAME, "nobody-" + ADMIN_USER);
            typeInto(PASSWORD, "not-the-" + ADMIN_PASSWORD);
            driver.findElement(SIGN_IN).click();
            wait.until(textToBePresentInElementLocated(ALERT, "Wrong username or password"));
            signIn(ADMIN_USER, ADMIN_PASSWORD);
            wait.until(d -> driver.getCurrentUrl().endsWith("#/teams/" + team + "/projects/" + project));
            waitForText("Nothing has run yet.");
            assertThat(selectedText(By.cssSelector("select[aria-label='Project']"))).isEqualTo(project);
            checkAccessibility("empty history");

            // Team settings: a secret (write-only), then a webhook signed with it, tested against the receiver.
            clickLink("Team settings");
            waitForText("No secrets yet.");
            checkAccessibility("secrets");
            typeInto(By.id("secret-name"), "signing");
            typeInto(By.id("secret-value"), "s3cret-value");
            clickButton("Add secret");
            wait.until(d -> rowCells(By.cssSelector("table[aria-label='Secrets']"), "signing") != null);
            assertThat(visibleText()).doesNotContain("s3cret-value");

            clickLink("Webhooks");
            clickButton("New webhook");
            typeInto(By.id("webhook-name"), "receiver");
            typeInto(By.id("webhook-url"), receiver.url("/hook"));
            new Select(driver.findElement(By.id("webhook-secret"))).selectByVisibleText("signing");
            checkAccessibility("webhook form");
            clickButton("Create webhook");
            wait.until(d -> rowCells(By.cssSelector("table[aria-label='Webhooks']"), "receiver") != null);
            clickButton("Test");
            waitForText("Test of receiver: delivered");
            assertThat(visibleText()).contains("Status 200").contains("{\"answered\":200}");
            assertThat(receiver.received()).hasSize(1);
            assertThat(receiver.received().get(0).header("webhook-id")).isNotBlank();
            checkAccessibility("webhooks with a test result");

            clickLink("Members");
            typeInto(By.id("member-user"), colleague);
            new Select(driver.findElement(By.id("member-role"))).selectByVisibleText("MEMBER");
            clickButton("Add or change");
            wait.until(d -> rowCells(By.cssSelector("table[aria-label='Members']"), colleague) != null);
            assertThat(selectedText(By.cssSelector("select[aria-label='Role of " + colleague + "']"))).isEqualTo("MEMBER");
            checkAccessibility("members");
            clickLink("Jobs");
            waitForText("Jobs and versions");
            checkAccessibility("jobs");
            clickLink("Queues");
            waitForText("No queues yet.");
            checkAccessibility("queues");
            clickLink("Rules");
            wait.until(visibilityOfElementLocated(By.cssSelector("table[aria-label='Rule files']")));
            checkAccessibility("rules");

            // The wizard: event, then action from a ready template, then details.
            open("/teams/" + team + "/projects/" + project + "/automations");
            waitForText("No automations in this project yet.");
            checkAccessibility("automations, empty");
            clickLink("New automation");
            clickButton("Next step");
            waitForText("The collection to watch is required.");
            checkAccessibility("wizard, event step with an error");
            typeInto(By.id("collection"), "training-data");
            clickButton("Next step");
            new Select(wait.until(visibilityOfElementLocated(By.id("webhook")))).selectByVisibleText("receiver");
            wait.until(d -> optionTexts(By.id("template")).contains("Slack notification"));
            new Select(driver.findElement(By.id("template"))).selectByVisibleText("Slack notification");
            waitForText("Valid JSON.");
            assertThat(driver.findElement(By.id("payload")).getDomProperty("value")).contains("${event_type}");
            checkAccessibility("wizard, action step");
            clickButton("Next step");
            typeInto(By.id("name"), "notify-receiver");
            typeInto(By.id("description"), "Tell the receiver");
            checkAccessibility("wizard, details step");
            clickButton("Create automation");

            // Saved: its page offers the preview, a dry run that sends and saves nothing.
            wait.until(visibilityOfElementLocated(By.id("preview-collection")));
            typeInto(By.id("preview-collection"), "training-data");
            clickButton("Preview");
            waitForText("notify-receiver would fire");
            assertThat(visibleText()).contains("Artifact event CREATE_ARTIFACT");
            assertThat(receiver.received()).hasSize(1);
            checkAccessibility("automation with preview");

            // An event through the API: its execution appears in History and finishes there, without a reload.
            receiver.answering(500, 500, 500);
            open("/teams/" + team + "/projects/" + project);
            waitForText("Nothing has run yet.");
            submitEvent(team, project, "v1");
            live().until(d -> historyRow("notify-receiver", "failed") != null);
            List<String> failed = historyRow("notify-receiver", "failed");
            assertThat(String.join(" ", failed)).contains("CREATE_ARTIFACT", "training-data:v1", "by alice",
                    "webhook receiver", "3 attempts", "HTTP 500");

            // Open its detail and redeliver: the receiver answers 200 now.
            driver.findElement(HISTORY).findElement(By.cssSelector("tbody tr a")).click();
            waitForText("webhook-id");
            assertThat(visibleText()).contains("Payload (secrets masked)", "Attempts");
            assertThat(driver.findElement(By.xpath("//a[normalize-space()='Open in Cockpit']")).getDomAttribute("href"))
                    .contains("/camunda/app/cockpit/");
            checkAccessibility("execution detail, failed");
            clickButton("Redeliver");
            waitForText("Redelivery started with the same webhook-id.");
            live().until(
                    textToBePresentInElementLocated(By.id("execution-heading"), "Finished"));
            assertThat(receiver.received()).hasSize(5);
            assertThat(receiver.received().get(4).header("webhook-id"))
                    .isEqualTo(receiver.received().get(1).header("webhook-id"));
            checkAccessibility("execution detail, finished");

            // Two more events, one refused by the receiver; History updates by itself and is what the README shows.
            driver.navigate().back();
            wait.until(visibilityOfElementLocated(HISTORY));
            submitEvent(team, project, "v2");
            live().until(d -> historyRow("notify-receiver", "finished") != null
                    && String.join(" ", historyRow("notify-receiver", "finished")).contains("training-data:v2"));
            receiver.answering(400);
            submitEvent(team, project, "v3");
            live().until(d -> historyRow("notify-receiver", "failed") != null);
            assertThat(String.join(" ", historyRow("notify-receiver", "failed"))).contains("training-data:v3", "HTTP 400");
            new Select(driver.findElements(By.cssSelector("form[role='search'] select")).get(0))
                    .selectByVisibleText("failed");
            wait.until(d -> driver.getCurrentUrl().contains("status=FAILED")
                    && historyRow("notify-receiver", "finished") == null && historyRow("notify-receiver", "failed") != null);
            driver.navigate().back();
            wait.until(d -> !driver.getCurrentUrl().contains("status=FAILED")
                    && historyRow("notify-receiver", "finished") != null);
            checkAccessibility("history");
            screenshot("history.png");

            // Disable, then delete with the confirmation that says runs in flight finish.
            open("/teams/" + team + "/projects/" + project + "/automations");
            List<String> row = wait.until(d -> rowCells(AUTOMATIONS, "notify-receiver"));
            assertThat(row.subList(0, 5)).containsExactly("notify-receiver", "Tell the receiver", "CREATE_ARTIFACT",
                    "GENERIC_WEBHOOK", "receiver");
            assertThat(row.get(7).toLowerCase(Locale.ROOT)).contains("failed");
            checkAccessibility("automations");
            driver.findElement(By.cssSelector("input[aria-label='Enabled: notify-receiver']")).click();
            wait.until(d -> rowCells(AUTOMATIONS, "notify-receiver").get(6).equals("No"));
            assertThat(automation(team, project).get("enabled").asBoolean()).isFalse();
            clickButton("Delete");
            WebElement dialog = wait.until(visibilityOfElementLocated(By.cssSelector("[role='alertdialog']")));
            assertThat(dialog.getText()).contains("Runs already in flight finish normally.");
            checkAccessibility("delete confirmation");
            clickButton("Delete automation");
            waitForText("No automations in this project yet.");
        }
    }

    @Test
    void viewerSeesEverythingReadOnly() {
        String team = unique("acme");
        String project = unique("churn");
        String viewer = unique("viewer");
        createTeamWithAutomation(team, project);
        post("/api/v1/users", Map.of("username", viewer, "password", "viewer-password"));
        put("/api/v1/teams/{team}/members/{user}", Map.of("role", "VIEWER"), team, viewer);
        String execution = submitEvent(team, project, "v1");

        open("/teams/" + team + "/projects/" + project + "/automations");
        signIn(viewer, "viewer-password");
        List<String> row = wait.until(d -> rowCells(AUTOMATIONS, "notify-ci"));
        assertThat(row).startsWith("notify-ci", "Tell CI", "CREATE_ARTIFACT", "GENERIC_WEBHOOK", "ci", "", "Yes");
        assertThat(driver.findElements(By.cssSelector("table[aria-label='Automations'] input"))).isEmpty();
        assertThat(buttonsAndLinks()).doesNotContain("New automation", "Delete", "Team settings");
        checkAccessibility("automations as viewer");

        // The session expires: the next request sends the viewer to sign in, and back to the same page after.
        driver.manage().deleteCookieNamed("JSESSIONID");
        clickLink("History");
        wait.until(visibilityOfElementLocated(USERNAME));
        assertThat(driver.getCurrentUrl()).contains("#/sign-in?next=");
        signIn(viewer, "viewer-password");
        wait.until(d -> driver.getCurrentUrl().contains("#/teams/" + team + "/projects/" + project));
        clickLink("Automations");
        wait.until(d -> rowCells(AUTOMATIONS, "notify-ci") != null);

        clickLink("notify-ci");
        wait.until(visibilityOfElementLocated(By.id("name")));
        assertThat(driver.findElement(By.id("name")).isEnabled()).isFalse();
        assertThat(buttonsAndLinks()).doesNotContain("Save automation", "Next step", "Preview");
        checkAccessibility("automation as viewer");

        open("/teams/" + team + "/executions/" + execution);
        wait.until(visibilityOfElementLocated(By.id("execution-heading")));
        assertThat(buttonsAndLinks()).doesNotContain("Redeliver").contains("Open in Cockpit"); // read-only there
        checkAccessibility("execution detail as viewer");

        open("/teams/" + team + "/settings/secrets");
        waitForText("You are not allowed to see this");
    }

    @Test
    void anotherTeamsUserFindsNothing() {
        String team = unique("acme");
        String project = unique("churn");
        String other = unique("other");
        String stranger = unique("stranger");
        createTeamWithAutomation(team, project);
        post("/api/v1/teams", Map.of("name", other));
        post("/api/v1/users", Map.of("username", stranger, "password", "stranger-password"));
        put("/api/v1/teams/{team}/members/{user}", Map.of("role", "ADMIN"), other, stranger);
        String execution = submitEvent(team, project, "v1");

        open("/teams/" + team + "/projects/" + project + "/automations");
        signIn(stranger, "stranger-password");
        wait.until(textToBePresentInElementLocated(ALERT, "Not found"));
        assertThat(driver.findElements(AUTOMATIONS)).isEmpty();
        assertThat(visibleText()).doesNotContain("notify-ci");
        checkAccessibility("another team's project");

        open("/teams/" + team + "/executions/" + execution);
        wait.until(textToBePresentInElementLocated(ALERT, "Not found"));
        assertThat(visibleText()).doesNotContain("notify-ci");
        checkAccessibility("another team's execution");
    }

    /** Team-wide history (with the free-text filter) and the overview charts, with deliveries that finish and fail. */
    @Test
    void teamHistoryAndOverview() throws IOException {
        String team = unique("acme");
        String project = unique("churn");
        try (Receiver receiver = new Receiver()) {
            receiver.answering(400, 200, 200, 400, 200, 200, 200);
            createTeamWithAutomation(team, project, receiver.url("/hook"));
            for (int i = 1; i <= 7; i++) {
                submitEvent(team, project, "v" + i);
            }

            open("/teams/" + team);
            signIn(ADMIN_USER, ADMIN_PASSWORD);
            live().until(d -> historyRows().size() == 7 && historyRows().stream()
                    .allMatch(r -> r.get(4).toLowerCase(Locale.ROOT).matches("(finished|failed).*")));
            assertThat(historyRows()).allSatisfy(r -> assertThat(r.get(1)).isEqualTo("notify-ci " + project));
            assertThat(historyRows()).filteredOn(r -> r.get(5).contains("HTTP 400")).hasSize(2);
            checkAccessibility("team history");

            typeInto(By.cssSelector("input[type='search']"), "bob");
            clickButton("Apply");
            waitForText("No execution matches these filters.");
            driver.navigate().back();
            wait.until(d -> historyRows().size() == 7);

            clickLink("Overview");
            wait.until(visibilityOfElementLocated(By.cssSelector("figure.chart svg")));
            waitForText("Executions per hour (UTC), by status");
            clickButton("7d");
            wait.until(d -> driver.getCurrentUrl().contains("range=7d"));
            waitForText("Executions per hour (UTC), by status");
            clickButton("30d");
            wait.until(d -> driver.getCurrentUrl().contains("range=30d"));
            waitForText("Executions per day (UTC), by status");
            clickButton("24h");
            wait.until(d -> driver.getCurrentUrl().contains("range=24h"));
            wait.until(d -> !pathOf("bar-finished").isEmpty() && !pathOf("bar-failed").isEmpty());
            assertThat(driver.findElements(By.cssSelector(".stat-value")).stream().map(WebElement::getText).toList())
                    .startsWith("7", "71.4 %");
            assertThat(rowCells(By.cssSelector("table[aria-label='Automations that fail most']"), "notify-ci"))
                    .containsExactly("notify-ci", "2", "7");
            assertThat(rowCells(By.cssSelector("table[aria-label='Webhooks that fail most']"), "ci"))
                    .containsExactly("ci", "2", "7");
            checkAccessibility("overview");
            driver.manage().window().setSize(new Dimension(1360, 1120));
            screenshot("overview.png");
        }
    }

    /** The wizard's launch branch: job, version, queue, destination project and overrides, validated as typed. */
    @Test
    void memberCreatesALaunchJobAutomationWithTheWizard() {
        String team = unique("acme");
        String project = unique("churn");
        String destination = unique("eval");
        post("/api/v1/teams", Map.of("name", team));
        post("/api/v1/teams/{team}/projects", Map.of("name", project), team);
        post("/api/v1/teams/{team}/projects", Map.of("name", destination), team);
        post("/api/v1/teams/{team}/projects/{project}/jobs", Map.of("name", "train"), team, project);
        String version = admin().post().uri("/api/v1/teams/{team}/projects/{project}/jobs/train/versions", team, project)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("config", Map.of("command", "python train.py")))
                .retrieve().body(JsonNode.class).get("version").asText();
        post("/api/v1/teams/{team}/queues", Map.of("name", "gpu"), team);
        String member = unique("member");
        post("/api/v1/users", Map.of("username", member, "password", "member-password"));
        put("/api/v1/teams/{team}/members/{user}", Map.of("role", "MEMBER"), team, member);

        open("/teams/" + team + "/projects/" + project + "/automations/new");
        signIn(member, "member-password");
        typeInto(By.id("collection"), "training-data");
        clickButton("Next step");
        new Select(wait.until(visibilityOfElementLocated(By.id("actionType")))).selectByVisibleText("Jobs");
        clickButton("Next step");
        waitForText("Pick a job.");
        assertThat(visibleText()).contains("Pick a version.", "Pick a queue.");
        wait.until(d -> optionTexts(By.id("job")).contains("train"));
        new Select(driver.findElement(By.id("job"))).selectByVisibleText("train");
        wait.until(d -> optionTexts(By.id("jobVersion")).contains(version));
        new Select(driver.findElement(By.id("jobVersion"))).selectByVisibleText(version);
        wait.until(d -> optionTexts(By.id("queue")).contains("gpu"));
        new Select(driver.findElement(By.id("queue"))).selectByVisibleText("gpu");
        new Select(driver.findElement(By.id("destinationProject"))).selectByVisibleText(destination);
        typeInto(By.id("overrides"), "{\"hyperparameters\": {\"lr\": 0.01}");
        clickButton("Next step");
        wait.until(visibilityOfElementLocated(By.id("overrides-error")));
        assertThat(driver.findElement(By.id("overrides")).getDomProperty("value"))
                .as("what was typed stays for fixing").isEqualTo("{\"hyperparameters\": {\"lr\": 0.01}");
        checkAccessibility("wizard, launch action with an error");
        typeInto(By.id("overrides"), "{\"hyperparameters\": {\"lr\": 0.01}}");
        clickButton("Next step");
        typeInto(By.id("name"), "train-on-new-data");
        checkAccessibility("wizard, launch details step");
        clickButton("Create automation");
        wait.until(visibilityOfElementLocated(By.id("preview-collection")));

        JsonNode action = automation(team, project).get("action");
        assertThat(action.get("type").asText()).isEqualTo("QUEUE_JOB");
        assertThat(List.of(action.get("job").asText(), action.get("jobVersion").asText(), action.get("queue").asText(),
                action.get("destinationProject").asText())).containsExactly("train", version, "gpu", destination);
        assertThat(action.get("overrides").get("hyperparameters").get("lr").asDouble()).isEqualTo(0.01);

        open("/teams/" + team + "/projects/" + project + "/automations");
        List<String> row = wait.until(d -> rowCells(AUTOMATIONS, "train-on-new-data"));
        assertThat(row.subList(3, 6)).containsExactly("QUEUE_JOB", "train", "gpu");
        submitEvent(team, project, "v1");
        open("/teams/" + team + "/projects/" + project);
        live().until(d -> historyRow("train-on-new-data", null) != null);
        checkAccessibility("history with a launch run");
    }

    /** Editing a webhook keeps its name; a refused form keeps what was typed; deleting asks first. */
    @Test
    void adminEditsAndDeletesAWebhook() {
        String team = unique("acme");
        post("/api/v1/teams", Map.of("name", team));
        put("/api/v1/teams/{team}/secrets/{name}", Map.of("value", "signing-value"), team, "signing");
        post("/api/v1/teams/{team}/webhooks", Map.of("name", "ci", "url", "https://hooks.example.com/ci"), team);

        open("/teams/" + team + "/settings/webhooks");
        signIn(ADMIN_USER, ADMIN_PASSWORD);
        wait.until(d -> rowCells(By.cssSelector("table[aria-label='Webhooks']"), "ci") != null);
        clickButton("Edit");
        wait.until(visibilityOfElementLocated(By.cssSelector("form[aria-label='Edit webhook ci']")));
        assertThat(driver.findElement(By.id("webhook-name")).isEnabled()).as("the name is the webhook's key").isFalse();
        typeInto(By.id("webhook-url"), "https://hooks.example.com/ci-v2");
        new Select(driver.findElement(By.id("webhook-secret"))).selectByVisibleText("signing");
        checkAccessibility("webhook edit form");
        clickButton("Save webhook");
        wait.until(d -> {
            List<String> cells = rowCells(By.cssSelector("table[aria-label='Webhooks']"), "ci");
            return cells != null && cells.get(1).equals("https://hooks.example.com/ci-v2") && cells.get(2).equals("signing");
        });
        JsonNode saved = admin().get().uri("/api/v1/teams/{team}/webhooks", team).retrieve().body(JsonNode.class).get(0);
        assertThat(List.of(saved.get("url").asText(), saved.get("secret").asText()))
                .containsExactly("https://hooks.example.com/ci-v2", "signing");

        // The server refuses a second "ci": the problem shows next to the name, and the URL typed stays.
        clickButton("New webhook");
        typeInto(By.id("webhook-name"), "ci");
        typeInto(By.id("webhook-url"), "https://hooks.example.com/other");
        clickButton("Create webhook");
        wait.until(textToBePresentInElementLocated(By.id("webhook-name-error"), "already exists"));
        assertThat(driver.findElement(By.id("webhook-url")).getDomProperty("value"))
                .isEqualTo("https://hooks.example.com/other");
        checkAccessibility("webhook form refused");
        clickButton("Cancel");

        clickButton("Delete");
        assertThat(driver.switchTo().alert().getText()).isEqualTo("Delete the webhook ci?");
        driver.switchTo().alert().accept();
        waitForText("No webhooks yet.");
        assertThat(admin().get().uri("/api/v1/teams/{team}/webhooks", team).retrieve().body(JsonNode.class)).isEmpty();
    }

    /** Secrets are write-only: rotating sends a new value the page never shows, and a secret in use cannot go. */
    @Test
    void adminRotatesAndDeletesSecretsWithoutEverSeeingTheirValues() throws IOException {
        String team = unique("acme");
        post("/api/v1/teams", Map.of("name", team));
        put("/api/v1/teams/{team}/secrets/{name}", Map.of("value", "first-token"), team, "token");
        put("/api/v1/teams/{team}/secrets/{name}", Map.of("value", "unused-value"), team, "old");
        try (Receiver receiver = new Receiver()) {
            post("/api/v1/teams/{team}/webhooks", Map.of("name", "receiver", "url", receiver.url("/hook"),
                    "accessToken", "token"), team);

            open("/teams/" + team + "/settings/secrets");
            signIn(ADMIN_USER, ADMIN_PASSWORD);
            wait.until(d -> rowCells(By.cssSelector("table[aria-label='Secrets']"), "token") != null);
            WebElement tokenRow = secretRow("token");
            tokenRow.findElement(By.xpath(".//button[normalize-space()='Rotate']")).click();
            WebElement newValue = wait.until(visibilityOfElementLocated(
                    By.cssSelector("form[aria-label='Rotate token'] input[type='password']")));
            newValue.sendKeys("second-token");
            checkAccessibility("secret rotation");
            clickButton("Save");
            wait.until(d -> driver.findElements(By.cssSelector("form[aria-label='Rotate token']")).isEmpty());
            assertThat(driver.getPageSource()).doesNotContain("second-token").doesNotContain("first-token")
                    .doesNotContain("unused-value");

            // The webhook now sends the rotated value.
            clickLink("Webhooks");
            clickButton("Test");
            waitForText("Test of receiver: delivered");
            assertThat(receiver.received().get(receiver.received().size() - 1).header("Authorization"))
                    .isEqualTo("Bearer second-token");

            // In use by the webhook: refused with a sentence. Unused: gone after the confirmation.
            clickLink("Secrets");
            wait.until(d -> rowCells(By.cssSelector("table[aria-label='Secrets']"), "token") != null);
            secretRow("token").findElement(By.xpath(".//button[normalize-space()='Delete']")).click();
            driver.switchTo().alert().accept();
            wait.until(textToBePresentInElementLocated(ALERT, "secret token is used by webhook receiver"));
            checkAccessibility("secret delete refused");
            secretRow("old").findElement(By.xpath(".//button[normalize-space()='Delete']")).click();
            assertThat(driver.switchTo().alert().getText()).isEqualTo("Delete the secret old?");
            driver.switchTo().alert().accept();
            wait.until(d -> rowCells(By.cssSelector("table[aria-label='Secrets']"), "old") == null);
            assertThat(rowCells(By.cssSelector("table[aria-label='Secrets']"), "token")).isNotNull();
            assertThat(driver.getPageSource()).doesNotContain("second-token").doesNotContain("unused-value");
        }
    }

    /** An expired session sends the admin to sign in and back, and the settings forms still hold what was typed. */
    @Test
    void settingsFormsKeepWhatWasTypedAcrossAnExpiredSession() {
        String team = unique("acme");
        post("/api/v1/teams", Map.of("name", team));

        open("/teams/" + team + "/settings/secrets");
        signIn(ADMIN_USER, ADMIN_PASSWORD);
        waitForText("No secrets yet.");
        typeInto(By.id("secret-name"), "api-key");
        typeInto(By.id("secret-value"), "typed-before-expiry");
        driver.manage().deleteCookieNamed("JSESSIONID");
        clickButton("Add secret");
        wait.until(visibilityOfElementLocated(USERNAME));
        assertThat(driver.getCurrentUrl()).contains("#/sign-in?next=");
        signIn(ADMIN_USER, ADMIN_PASSWORD);
        wait.until(d -> driver.getCurrentUrl().endsWith("#/teams/" + team + "/settings/secrets"));
        assertThat(wait.until(visibilityOfElementLocated(By.id("secret-name"))).getDomProperty("value"))
                .isEqualTo("api-key");
        assertThat(driver.findElement(By.id("secret-value")).getDomProperty("value")).isEqualTo("typed-before-expiry");
        clickButton("Add secret");
        wait.until(d -> rowCells(By.cssSelector("table[aria-label='Secrets']"), "api-key") != null);
        assertThat(driver.findElement(By.id("secret-name")).getDomProperty("value")).as("saved, so cleared").isEmpty();

        clickLink("Webhooks");
        clickButton("New webhook");
        typeInto(By.id("webhook-name"), "ci");
        typeInto(By.id("webhook-url"), "https://hooks.example.com/typed");
        new Select(driver.findElement(By.id("webhook-token"))).selectByVisibleText("api-key");
        driver.manage().deleteCookieNamed("JSESSIONID");
        clickButton("Create webhook");
        wait.until(visibilityOfElementLocated(USERNAME));
        signIn(ADMIN_USER, ADMIN_PASSWORD);
        wait.until(d -> driver.getCurrentUrl().endsWith("#/teams/" + team + "/settings/webhooks"));
        assertThat(wait.until(visibilityOfElementLocated(By.id("webhook-url"))).getDomProperty("value"))
                .isEqualTo("https://hooks.example.com/typed");
        assertThat(driver.findElement(By.id("webhook-name")).getDomProperty("value")).isEqualTo("ci");
        assertThat(selectedText(By.id("webhook-token"))).isEqualTo("api-key");
        checkAccessibility("webhook form after signing in again");
        clickButton("Create webhook");
        wait.until(d -> rowCells(By.cssSelector("table[aria-label='Webhooks']"), "ci") != null);

        clickLink("Members");
        typeInto(By.id("member-user"), "someone-typed");
        driver.manage().deleteCookieNamed("JSESSIONID");
        clickLink("Queues");
        wait.until(visibilityOfElementLocated(USERNAME));
        signIn(ADMIN_USER, ADMIN_PASSWORD);
        clickLink("Members");
        assertThat(wait.until(visibilityOfElementLocated(By.id("member-user"))).getDomProperty("value"))
                .isEqualTo("someone-typed");
    }

    private WebElement secretRow(String name) {
        return driver.findElement(By.xpath("//table[@aria-label='Secrets']//tr[th[normalize-space()='" + name + "']]"));
    }

    private String pathOf(String series) {
        String d = driver.findElement(By.cssSelector("figure.chart path." + series)).getDomAttribute("d");
        return d == null ? "" : d;
    }

    private List<List<String>> historyRows() {
        return driver.findElements(By.cssSelector("table[aria-label='Executions'] tbody tr")).stream()
                .map(FrontendEndToEndTest::cells).toList();
    }

    private void createTeamWithAutomation(String team, String project) {
        createTeamWithAutomation(team, project, "https://hooks.example.com/ci");
    }

    private void createTeamWithAutomation(String team, String project, String webhookUrl) {
        post("/api/v1/teams", Map.of("name", team));
        post("/api/v1/teams/{team}/projects", Map.of("name", project), team);
        put("/api/v1/teams/{team}/secrets/{name}", Map.of("value", "x"), team, "ci-token");
        post("/api/v1/teams/{team}/webhooks", Map.of("name", "ci", "url", webhookUrl), team);
        post("/api/v1/teams/{team}/projects/{project}/automations",
                Map.of(
                        "name", "notify-ci",
                        "description", "Tell CI",
                        "enabled", true,
                        "event", Map.of("type", "CREATE_ARTIFACT", "collection", "training-data"),
                        "action", Map.of(
                                "type", "GENERIC_WEBHOOK",
                                "webhook", "ci",
                                "payload", "{\"v\":\"${artifact_version_string}\"}")),
                team, project);
    }

    /** Submits a CREATE_ARTIFACT event on training-data as alice; answers the id of the first execution. */
    private String submitEvent(String team, String project, String version) {
        JsonNode submitted = admin().post().uri("/api/v1/events")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "CREATE_ARTIFACT", "entity", team, "project", project, "author", "alice",
                        "collection", "training-data", "artifact", Map.of("id", "QXJ0aWZhY3Q6MQ", "version", version)))
                .retrieve()
                .body(JsonNode.class);
        return submitted.get("executions").get(0).get("id").asText();
    }

    private JsonNode automation(String team, String project) {
        return admin().get().uri("/api/v1/teams/{team}/projects/{project}/automations", team, project)
                .retrieve().body(JsonNode.class).get(0);
    }

    private void post(String uri, Object body, Object... uriVariables) {
        admin().post().uri(uri, uriVariables).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toBodilessEntity();
    }

    private void put(String uri, Object body, Object... uriVariables) {
        admin().put().uri(uri, uriVariables).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toBodilessEntity();
    }

    /** Opens an app route (the app's routes live after the {@code #}). */
    private void open(String route) {
        driver.get(baseUrl() + "/#" + route);
        wait.until(titleContains("Cascade"));
    }

    /** A wait for what the page shows by itself (polling), with the same failure message as {@link #wait}. */
    private WebDriverWait live() {
        WebDriverWait live = new WebDriverWait(driver, LIVE_UPDATE);
        live.ignoring(StaleElementReferenceException.class);
        live.withMessage(() -> "the page shows:\n" + visibleText());
        return live;
    }

    private void signIn(String user, String password) {
        wait.until(visibilityOfElementLocated(USERNAME));
        typeInto(USERNAME, user);
        typeInto(PASSWORD, password);
        driver.findElement(SIGN_IN).click();
        wait.until(d -> driver.findElements(USERNAME).isEmpty());
    }

    private void clickButton(String text) {
        wait.until(d -> {
            for (WebElement b : driver.findElements(By.xpath("//button[normalize-space()='" + text + "']"))) {
                if (b.isDisplayed() && b.isEnabled()) {
                    b.click();
                    return true;
                }
            }
            return false;
        });
    }

    private void clickLink(String text) {
        wait.until(visibilityOfElementLocated(By.xpath("//a[normalize-space()='" + text + "']"))).click();
    }

    private void waitForText(String text) {
        wait.until(d -> visibleText().contains(text));
    }

    /** Replaces the text of an input the way a person does (select all, type), so React sees every change. */
    private void typeInto(By locator, String text) {
        WebElement input = wait.until(visibilityOfElementLocated(locator));
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    private List<String> optionTexts(By select) {
        return driver.findElement(select).findElements(By.tagName("option")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    private String selectedText(By select) {
        return new Select(driver.findElement(select)).getFirstSelectedOption().getText().strip();
    }

    private List<String> buttonsAndLinks() {
        return driver.findElements(By.cssSelector("button, a")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).map(String::strip).toList();
    }

    /** The visible cells of the table row whose first cell is {@code first}, or null. */
    private List<String> rowCells(By table, String first) {
        for (WebElement t : driver.findElements(table)) {
            for (WebElement tr : t.findElements(By.cssSelector("tbody tr"))) {
                List<String> cells = cells(tr);
                if (!cells.isEmpty() && cells.get(0).equals(first)) {
                    return cells;
                }
            }
        }
        return null;
    }

    /** The first History row of {@code automation} whose status is {@code status} (any when null), or null. */
    private List<String> historyRow(String automation, String status) {
        for (WebElement t : driver.findElements(HISTORY)) {
            for (WebElement tr : t.findElements(By.cssSelector("tbody tr"))) {
                List<String> cells = cells(tr);
                if (cells.size() == 6 && cells.get(1).startsWith(automation)
                        && (status == null || cells.get(4).toLowerCase(Locale.ROOT).startsWith(status))) {
                    return cells;
                }
            }
        }
        return null;
    }

    private static List<String> cells(WebElement tr) {
        return tr.findElements(By.xpath("./th|./td")).stream()
                .map(WebElement::getText).map(s -> s.replace('\n', ' ').strip()).toList();
    }

    /** axe-core on the page as it is: no serious or critical violation. */
    private void checkAccessibility(String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined'"))) {
            try {
                js.executeScript(Files.readString(AXE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Object violations = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                        + v.nodes.map(n => n.target.join(' ')).join(', '))));
                """);
        assertThat((List<?>) violations).as("serious or critical accessibility violations on %s", page).isEmpty();
    }

    private void screenshot(String name) throws IOException {
        ((JavascriptExecutor) driver).executeScript("document.activeElement && document.activeElement.blur()");
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }

    /** What a person sees on the page, for failure messages. */
    private String visibleText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
