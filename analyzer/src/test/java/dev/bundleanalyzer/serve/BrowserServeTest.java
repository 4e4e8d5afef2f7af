package dev.bundleanalyzer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web front as an engineer uses it, in headless Chromium: the token given once in the address, the sample
 * bundle chosen in the upload box, its row turning to done with its findings, the report opened from it, and
 * a search whose hit leads to the finding it is evidence of. The pages' scripts run under the server's
 * Content-Security-Policy without a complaint in the console. Skipped without Debian's chromium and
 * chromium-driver ({@code .ci/run} installs both).
 */
class BrowserServeTest {

    private static final String TOKEN = "browser-token";

    @TempDir
    Path data;
    @TempDir
    Path profile;

    private ServeFixture serve;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        String chromium = onPath("chromium", "chromium-browser", "google-chrome");
        String driver = onPath("chromedriver");
        assumeTrue(chromium != null && driver != null, "chromium or chromedriver is not installed");
        serve = ServeFixture.start(data, TOKEN, ServeOptions.DEFAULT_MAX_UPLOAD_BYTES);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver Debian installs; Selenium must not look for one elsewhere
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.close();
        }
    }

    @Test
    void aBundleUploadedThroughThePageLeadsToItsReportAndItsEvidence() throws Exception {
        String base = "http://127.0.0.1:" + serve.server.port();
        browser.get(base + "/?token=" + TOKEN);
        assertEquals(base + "/", browser.getCurrentUrl(), "the token left the address");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("limit"), "8.0 GiB"));

        browser.findElement(By.id("files")).sendKeys(ServeFixture.SAMPLE.toAbsolutePath().normalize().toString());
        WebElement upload = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.upload")));
        assertTrue(upload.getText().contains("contoso-fs01-bundle.zip"), upload.getText());
        assertTrue(upload.findElement(By.className("size")).getText().endsWith("KiB"), "the size is shown");
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("li.upload"), "class", "done"));

        WebElement report = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#bundles tr .status-done ~ td.links a.report")));
        WebElement row = browser.findElement(By.cssSelector("#bundles tbody tr"));
        assertTrue(row.getText().contains("FS01"), row.getText());
        assertTrue(row.getText().contains("MARS-0x1FC07"), "the top findings are listed: " + row.getText());
        assertTrue(row.findElement(By.cssSelector(".sev")).getText().equals("critical"), row.getText());
        assertEquals(List.of(), pageErrors(), "the bundles page ran without errors");

        report.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("MARS-34513")));
        assertTrue(browser.getCurrentUrl().endsWith("/report.html"), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.id("filter")).isDisplayed(), "the report's own script ran");

        browser.get(base + "/search");
        browser.findElement(By.id("q")).sendKeys("errorCode:34513");
        browser.findElement(By.cssSelector("#search button")).click();
        WebElement evidence = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#results a.evidence")));
        assertTrue(browser.findElement(By.id("summary")).getText().startsWith("1 match"),
                browser.findElement(By.id("summary")).getText());
        assertTrue(browser.getCurrentUrl().endsWith("/search?q=errorCode%3A34513"), "the search can be pasted");
        assertEquals(List.of(), pageErrors(), "the search page ran without errors");
        evidence.click();
        wait.until(ExpectedConditions.urlContains("/report.html#MARS-34513"));
        assertTrue(browser.findElement(By.id("MARS-34513")).isDisplayed());

        browser.get(base + "/search?q=" + java.net.URLEncoder.encode("level:(", "UTF-8"));
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
        assertTrue(problem.getText().startsWith("query error at column"), problem.getText());
    }

    /** Console errors of the page (a blocked script or style shows here), less the expected 400 of a bad query. */
    private List<String> pageErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    private static String onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }
}
