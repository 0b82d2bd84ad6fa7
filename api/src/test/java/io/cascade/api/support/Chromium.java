package io.cascade.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/** Debian's headless Chromium driven by Debian's chromedriver, in a profile of its own that closing removes. */
public final class Chromium implements AutoCloseable {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    private final Path profileDir;
    private final WebDriver driver;

    private Chromium(Path profileDir, WebDriver driver) {
        this.profileDir = profileDir;
        this.driver = driver;
    }

    /** A window of the given size, e.g. "1360,900". */
    public static Chromium start(String windowSize) throws IOException {
        // Belt and braces: both tell Selenium where the driver is, so it never asks Selenium Manager.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        assertThat(new File(CHROMEDRIVER)).as("chromedriver (Debian package chromium-driver)").canRead();
        assertThat(new File(CHROMIUM)).as("chromium (Debian package chromium)").canRead();
        Path profileDir = Files.createTempDirectory("cascade-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + windowSize, "--user-data-dir=" + profileDir.toAbsolutePath());
        return new Chromium(profileDir, new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            FileSystemUtils.deleteRecursively(profileDir.toFile());
        }
    }
}
