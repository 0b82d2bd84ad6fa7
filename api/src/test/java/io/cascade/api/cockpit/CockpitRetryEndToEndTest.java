package io.cascade.api.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A team MEMBER in headless Debian Chromium: follows the execution's Cockpit link, signs in, reads
 * the incident of the failing run, retries it once the receiver works again, and the run finishes.
 */
class CockpitRetryEndToEndTest extends ApiIntegrationTest {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    private static final By USERNAME = By.cssSelector("input[ng-model='username']");
    private static final By PASSWORD = By.cssSelector("input[ng-model='password']");
    private static final By SIGN_IN = By.cssSelector("form button[type='submit']");
    private static final By RETRY_INCIDENT = By.cssSelector("a.action-button[ng-click='openJobRetryDialog(incident)']");
    private static final By CONFIRM_RETRY = By.xpath("//div[contains(@class,'modal')]//button[normalize-space()='Retry']");

    private Path profileDir;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        assertThat(new File(CHROMEDRIVER)).as("chromedriver (Debian package chromium-driver)").canRead();
        profileDir = Files.createTempDirectory("cascade-cockpit-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profileDir.toAbsolutePath());
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(45));
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> "the page shows:\n" + driver.findElement(By.tagName("body")).getText());
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        FileSystemUtils.deleteRecursively(profileDir.toFile());
    }

    @Test
    void aMemberRetriesTheFailingRunInCockpitAndItFinishes() throws Exception {
        try (Receiver receiver = new Receiver().answering(500, 500, 500)) {
            TeamFixture team = TeamFixture.create(admin());
            team.webhook("ci", receiver.url("/hook"));
            team.automation(TeamFixture.onNewVersion("retrain-on-new-data", TeamFixture.COLLECTION, "ci"));
            String member = team.member("MEMBER");
            String executionId = admin().post().uri("/api/v1/events")
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(team.newVersion())
                    .retrieve().body(JsonNode.class).get("executions").get(0).get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 3
                    && "FAILED".equals(execution(member, executionId).get("status").asText()));
            // the receiver answers 200 from now on: it has been fixed
            String cockpitUrl = execution(member, executionId).get("cockpitUrl").asText();

            driver.get(baseUrl() + "/camunda/app/cockpit/default/");
            wait.until(elementToBeClickable(USERNAME)).sendKeys(member);
            wait.until(elementToBeClickable(PASSWORD)).sendKeys(TeamFixture.password(member));
            wait.until(elementToBeClickable(SIGN_IN)).click();
            wait.until(invisibilityOfElementLocated(USERNAME));
            wait.until(textToBePresentInElementLocated(By.tagName("body"), "Dashboard"));
            driver.get(baseUrl() + cockpitUrl + "/runtime?tab=incidents-tab");

            wait.until(textToBePresentInElementLocated(By.tagName("body"), "webhook ci: receiver answered HTTP 500"));
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("(attempt 3)");
            wait.until(elementToBeClickable(RETRY_INCIDENT)).click();
            wait.until(elementToBeClickable(CONFIRM_RETRY)).click();

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "FINISHED".equals(execution(member, executionId).get("status").asText()));
            assertThat(receiver.received()).hasSize(4);
        }
    }

    private JsonNode execution(String user, String id) {
        return as(user, TeamFixture.password(user)).get().uri("/api/v1/executions/{id}", id).retrieve()
                .body(JsonNode.class);
    }
}
