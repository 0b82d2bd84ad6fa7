package io.cascade.api.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.titleIs;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.cascade.api.ApiIntegrationTest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;

/**
 * Drives the real single-page app (served by the API module from the cascade-frontend jar) in headless
 * Debian Chromium: sign-in failure and success, team and project pickers, the automations table.
 *
 * <p>Needs the Debian packages {@code chromium} and {@code chromium-driver}. Nothing is downloaded: the
 * driver executable and the browser binary are set explicitly, so Selenium Manager is never needed.
 */
class FrontendEndToEndTest extends ApiIntegrationTest {

  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final By USERNAME = By.name("username");
  private static final By PASSWORD = By.name("password");
  private static final By SIGN_IN = By.xpath("//button[@type='submit' and normalize-space()='Sign in']");
  private static final By ALERT = By.cssSelector("[role='alert']");
  private static final By TEAM = By.cssSelector("select[aria-label='Team']");
  private static final By PROJECT = By.cssSelector("select[aria-label='Project']");
  private static final By AUTOMATIONS = By.cssSelector("table[aria-label='Automations']");

  private Path profileDir;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void startBrowser() throws IOException {
    // Belt and braces: both tell Selenium where the driver is, so it never asks Selenium Manager.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
    assertThat(new File(CHROMEDRIVER))
        .as("chromedriver (Debian package chromium-driver)")
        .canRead();
    assertThat(new File(CHROMIUM)).as("chromium (Debian package chromium)").canRead();

    profileDir = Files.createTempDirectory("cascade-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profileDir.toAbsolutePath());
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, TIMEOUT);
    wait.ignoring(StaleElementReferenceException.class);
    wait.withMessage(() -> "the page shows:\n" + visibleText());
  }

  @AfterEach
  void stopBrowser() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      driver = null;
      deleteRecursively(profileDir);
    }
  }

  @Test
  void adminSignsInPicksTeamAndProjectAndSeesTheAutomation() {
    String team = unique("acme");
    String project = unique("churn");
    createTeamWithAutomation(team, project);

    driver.get(baseUrl() + "/");
    wait.until(titleIs("Cascade"));

    // Not signed in: the login form is shown. A wrong password is refused.
    wait.until(visibilityOfElementLocated(USERNAME));
    // An unknown user: a wrong password for a real one would lock it briefly (Camunda's login delay).
    typeInto(USERNAME, "nobody-" + ADMIN_USER);
    typeInto(PASSWORD, "not-the-" + ADMIN_PASSWORD);
    driver.findElement(SIGN_IN).click();
    wait.until(textToBePresentInElementLocated(ALERT, "Wrong username or password"));
    assertThat(driver.findElements(TEAM)).as("no team picker before signing in").isEmpty();

    // The right password signs in.
    typeInto(USERNAME, ADMIN_USER);
    typeInto(PASSWORD, ADMIN_PASSWORD);
    driver.findElement(SIGN_IN).click();

    // Pick the team, then the project (each picker is filled from the API).
    wait.until(d -> optionTexts(TEAM).contains(team));
    assertThat(driver.findElements(USERNAME)).as("login form gone after signing in").isEmpty();
    new Select(driver.findElement(TEAM)).selectByVisibleText(team);
    wait.until(d -> driver.findElement(PROJECT).isEnabled() && optionTexts(PROJECT).contains(project));
    new Select(driver.findElement(PROJECT)).selectByVisibleText(project);

    // The automations table of that project shows the automation.
    List<String> row = wait.until(d -> rowNamed("notify-ci").orElse(null));
    assertThat(selectedText(TEAM)).isEqualTo(team);
    assertThat(selectedText(PROJECT)).isEqualTo(project);
    assertThat(columnHeaders())
        .containsExactly(
            "Name", "Description", "Trigger type", "Action type", "Action name", "Queue", "Enabled");
    assertThat(row)
        .containsExactly("notify-ci", "Tell CI", "CREATE_ARTIFACT", "GENERIC_WEBHOOK", "ci", "", "Yes");
    assertThat(driver.findElements(ALERT)).as("no error shown").isEmpty();
  }

  private void createTeamWithAutomation(String team, String project) {
    post("/api/v1/teams", Map.of("name", team));
    post("/api/v1/teams/{team}/projects", Map.of("name", project), team);
    admin()
        .put()
        .uri("/api/v1/teams/{team}/secrets/{name}", team, "ci-token")
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("value", "x"))
        .retrieve()
        .toBodilessEntity();
    post(
        "/api/v1/teams/{team}/webhooks",
        Map.of("name", "ci", "url", "https://hooks.example.com/ci"),
        team);
    post(
        "/api/v1/teams/{team}/projects/{project}/automations",
        Map.of(
            "name", "notify-ci",
            "description", "Tell CI",
            "enabled", true,
            "event", Map.of("type", "CREATE_ARTIFACT", "collection", "training-data"),
            "action",
                Map.of(
                    "type", "GENERIC_WEBHOOK",
                    "webhook", "ci",
                    "payload", "{\"v\":\"${artifact_version_string}\"}")),
        team,
        project);
  }

  private void post(String uri, Object body, Object... uriVariables) {
    admin()
        .post()
        .uri(uri, uriVariables)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toBodilessEntity();
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
        .map(WebElement::getText)
        .map(String::strip)
        .toList();
  }

  private String selectedText(By select) {
    return new Select(driver.findElement(select)).getFirstSelectedOption().getText().strip();
  }

  private List<String> columnHeaders() {
    return driver.findElement(AUTOMATIONS).findElements(By.cssSelector("thead th")).stream()
        .map(WebElement::getText)
        .map(String::strip)
        .toList();
  }

  /** The visible cells of the table row whose first cell is {@code name}, if the table shows one. */
  private Optional<List<String>> rowNamed(String name) {
    List<WebElement> tables = driver.findElements(AUTOMATIONS);
    if (tables.isEmpty()) {
      return Optional.empty();
    }
    for (WebElement tr : tables.get(0).findElements(By.cssSelector("tbody tr"))) {
      List<String> cells =
          tr.findElements(By.xpath("./th|./td")).stream()
              .map(WebElement::getText)
              .map(String::strip)
              .toList();
      if (!cells.isEmpty() && cells.get(0).equals(name)) {
        return Optional.of(cells);
      }
    }
    return Optional.empty();
  }

  /** What a person sees on the page, for failure messages. */
  private String visibleText() {
    try {
      return driver.findElement(By.tagName("body")).getText();
    } catch (RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Best effort: a browser profile left in the temp folder must not fail the test. */
  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // leave the rest for the OS to clean up
    }
  }
}
