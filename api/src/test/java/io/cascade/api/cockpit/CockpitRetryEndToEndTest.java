package io.cascade.api.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Chromium;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;

/**
 * A team MEMBER in headless Debian Chromium signs into Camunda Cockpit, opens the failing run from
 * the execution's {@code cockpitUrl}, reads its incident, retries it once the receiver works again,
 * and the run is FINISHED in Cascade's history.
 *
 * <p>Needs the Debian packages {@code chromium} and {@code chromium-driver}; nothing is downloaded.
 */
class CockpitRetryEndToEndTest extends ApiIntegrationTest {

    private static final Path SCREENSHOT = Path.of("../docs/screenshots/cockpit-incident.png");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final By BODY = By.tagName("body");
    private static final By SIGN_IN_FORM = By.cssSelector("form[name='signinForm']");
    /** The delivery is an external task: its incident (failedExternalTask) has Cockpit's external-task retry. */
    private static final By RETRY_INCIDENT = By.cssSelector(
            "a.action-button[uib-tooltip='Increment Number of Retries of Failed External Tasks']");
    private static final By CONFIRM_RETRY = By.xpath(
            "//div[contains(@class,'modal-dialog')]//button[normalize-space()='Retry']");

    private Chromium chromium;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        chromium = Chromium.start("1400,1000");
        driver = chromium.driver();
        wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> "the page " + driver.getCurrentUrl() + " shows:\n" + visibleText());
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aMemberRetriesTheFailingRunInCockpitAndItFinishes() throws Exception {
        try (Receiver receiver = new Receiver().answering(500, 500, 500)) {
            TeamFixture team = TeamFixture.create(admin());
            team.webhook("ci", receiver.url("/hook"));
            team.automation(TeamFixture.onNewVersion("retrain-on-new-data", TeamFixture.COLLECTION, "ci"));
            String member = team.member("MEMBER");
            String executionId = admin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                    .body(team.newVersion()).retrieve().body(JsonNode.class)
                    .get("executions").get(0).get("id").asText();
            await().atMost(TIMEOUT).until(() -> receiver.received().size() == 3
                    && "FAILED".equals(execution(member, executionId).get("status").asText()));
            // From here on the receiver answers 200: it has been fixed.
            String cockpitUrl = execution(member, executionId).get("cockpitUrl").asText();
            assertThat(cockpitUrl).startsWith("/camunda/app/cockpit/default/#/process-instance/");

            driver.get(baseUrl() + "/camunda/app/cockpit/default/");
            signIn(member, TeamFixture.password(member));
            driver.get(baseUrl() + cockpitUrl + "/runtime?tab=incidents-tab");

            wait.until(textToBePresentInElementLocated(BODY, "webhook ci: receiver answered HTTP 500 (attempt 3)"));
            saveScreenshot();
            WebElement retry = wait.until(d -> visible(RETRY_INCIDENT));
            clickThroughAngular(retry);
            clickThroughAngular(wait.until(d -> visible(CONFIRM_RETRY)));
            wait.until(textToBePresentInElementLocated(BODY,
                    "Incrementing the number of retries finished successfully."));

            await().atMost(TIMEOUT).until(() ->
                    "FINISHED".equals(execution(member, executionId).get("status").asText()));
            assertThat(receiver.received()).hasSize(4);
        }
    }

    /** Signs in through Cockpit's own login form; the dashboard's header then names the user. */
    private void signIn(String user, String password) {
        wait.until(d -> visible(SIGN_IN_FORM));
        // In headless Chromium, native key and click events do not reach Cockpit's AngularJS 1.9 handlers.
        script("""
                const fields = [['input[type=text]', arguments[0]], ['input[type=password]', arguments[1]]];
                for (const [selector, value] of fields) {
                  const input = document.querySelector(selector);
                  input.value = value;
                  angular.element(input).triggerHandler('input');
                }
                angular.element(document.querySelector("form[name='signinForm']")).triggerHandler('submit');""",
                user, password);
        wait.until(d -> d.getCurrentUrl().endsWith("#/dashboard") && visible(SIGN_IN_FORM) == null
                && visibleText().contains(user));
    }

    /** The same reason as in {@link #signIn}: the control's Angular handler, not a native click. */
    private void clickThroughAngular(WebElement element) {
        script("angular.element(arguments[0]).triggerHandler('click');", element);
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    private WebElement visible(By locator) {
        return driver.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    private String visibleText() {
        return driver.findElement(BODY).getText();
    }

    private void saveScreenshot() throws IOException {
        Files.createDirectories(SCREENSHOT.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }

    private JsonNode execution(String user, String id) {
        return as(user, TeamFixture.password(user)).get().uri("/api/v1/executions/{id}", id).retrieve()
                .body(JsonNode.class);
    }
}
