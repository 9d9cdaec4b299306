package org.copkit.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.copkit.CopKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives headless Chromium through the portal: sign in as a newcomer, search in Dutch, ask a question and
 * see the existing answer suggested, RSVP to the full site visit and land on the waitlist, open the item
 * whose body holds a script and check nothing ran. Saves screenshots of the main pages to
 * {@code target/screenshots/} (or where {@code -Dportal.screenshots} says: {@code ../../docs/images} for the
 * docs). Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian packages
 * chromium and chromium-driver): skipped without them, failed without them in CI ({@code CI=true}).
 */
class PortalBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("portal.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("portal.chromedriver", "/usr/bin/chromedriver"));
    /**
     * Where the screenshots go: {@code target/screenshots} (a test run leaves the checkout as it was);
     * {@code -Dportal.screenshots=../../docs/images} refreshes the pictures of the docs.
     */
    private static final Path IMAGES = Path.of(System.getProperty("portal.screenshots", "target/screenshots"));

    private static CopKit kit;
    private static PortalServer server;
    private static WebDriver driver;
    private static Path profile;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String message = "Chromium not found (" + CHROMIUM + ", " + CHROMEDRIVER + "): browser test skipped. "
                    + "Install it with: apt-get install chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message.replace("skipped", "required in CI"));
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        DemoClock clock = DemoClock.system();
        kit = PortalWiring.open(PortalConfig.inMemory(0), clock);
        DemoData.loadIfEmpty(kit, clock);
        server = PortalServer.start(kit, 0);
        profile = Files.createTempDirectory("copkit-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=nl");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 1000));
        // waits end when their condition holds; the limit is for a page that never gets there, and is long
        // because on a loaded machine Chromium and the server share two cores with everything else
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        Files.createDirectories(IMAGES);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (kit != null) {
            kit.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static void open(String path) {
        driver.get("http://localhost:" + server.port() + path);
    }

    private static void screenshot(String name) throws IOException {
        // grow the window to the page so the screenshot shows all of it (within reason)
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "window.scrollTo(0, 0); return Math.min(2400, document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(1280, (int) Math.max(800, height)));
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.write(IMAGES.resolve(name + ".png"), Files.readAllBytes(shot.toPath()));
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    private static void signIn(String member) {
        open("/signin");
        driver.findElement(By.id("signin-" + member)).click();
        wait.until(ExpectedConditions.urlContains("/communities"));
    }

    @Test
    void aNewcomerSearchesAsksRsvpsAndReadsSafely() throws IOException {
        open("/signin");
        assertThat(driver.getPageSource()).contains("Netbeheer Oost");
        screenshot("signin");
        signIn("carla");
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("nl");
        screenshot("communities");

        driver.findElement(By.linkText("Warmte in de wijk")).click();
        wait.until(ExpectedConditions.titleContains("Warmte in de wijk"));
        screenshot("community");

        // search in Dutch
        open("/search");
        WebElement q = driver.findElement(By.id("q"));
        q.sendKeys("warmtepomp subsidie");
        q.submit();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("result-count")));
        assertThat(driver.findElement(By.id("result-count")).getText()).contains("resultaten");
        assertThat(driver.findElements(By.cssSelector(".hit mark"))).isNotEmpty();
        assertThat(driver.getPageSource()).doesNotContain("Budget warmtepompsubsidie 2027");
        screenshot("search");

        // ask a question: the existing answered question is suggested while typing
        open("/ask");
        driver.findElement(By.id("title")).sendKeys("Wanneer moet ik de subsidie voor een warmtepomp aanvragen?");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("already-list"),
                "Wanneer moet de warmtepompsubsidie aangevraagd worden?"));
        screenshot("ask");
        driver.findElement(By.partialLinkText("Wanneer moet de warmtepompsubsidie")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".post.accepted")));
        screenshot("question");

        // RSVP to the full site visit: waitlisted
        open("/sessions");
        driver.findElement(By.linkText(DemoData.FULL_SESSION)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rsvp-going"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-placement")));
        assertThat(driver.findElement(By.id("my-placement")).getText()).isEqualTo("Op de wachtlijst");
        screenshot("session");

        // the item whose body holds a script: nothing ran
        driver.findElement(By.linkText("Warmte in de wijk")).click();
        driver.findElement(By.linkText(DemoData.SCRIPT_ITEM)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("item-body")));
        assertThat(driver.findElements(By.cssSelector("#item-body script"))).isEmpty();
        for (WebElement link : driver.findElements(By.cssSelector("#item-body a"))) {
            link.click();
        }
        Object ran = ((JavascriptExecutor) driver).executeScript("return window.scriptRan === true");
        assertThat(ran).isEqualTo(Boolean.FALSE);
        assertThat(driver.getTitle()).doesNotContain("script ran");
        screenshot("item");

        open("/members?expertise=energie");
        screenshot("members");
        driver.findElement(By.linkText("Communities")).click();
        driver.findElement(By.linkText("Warmte in de wijk")).click();
        driver.findElement(By.linkText("Begin hier")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("progress")));
        screenshot("start-here");
        open("/digest");
        screenshot("digest");
    }

    @Test
    void aCoordinatorSeesTheReviewQueueAndHealth() throws IOException {
        signIn("anna");
        open("/reviews");
        List<WebElement> rows = driver.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).isNotEmpty();
        screenshot("reviews");
        open("/communities");
        driver.findElement(By.linkText("Warmte in de wijk")).click();
        driver.findElement(By.linkText("Gezondheid van de community")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".stats")));
        screenshot("health");
        signIn("sam");
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        driver.findElement(By.linkText("Grid Software Guild")).click();
        wait.until(ExpectedConditions.titleContains("Grid Software Guild"));
        screenshot("community-en");
    }
}
