package io.streamgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.support.CoordinatorStub;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.topic.Topics;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as a team uses it, in headless Chromium at 1280×800: a generation produced straight
 * to Kafka (as the CLI or a platform team's producer would, not through this browser) is listed and
 * opens by its URL; the agents' reported rates are charted without the first-token spike; the merged
 * files are a tree with diffs; two checkpoints are compared and one rolled back to; the generation is
 * replayed at 10× and from a checkpoint. The coordinator's queries come from {@link CoordinatorStub}.
 * Screenshots go to target/screenshots/team-*.png; the browser's console must stay free of errors.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class DashboardTeamIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static final String APP_V1 = "import { list } from './api.js';\n\nexport function render(root) {\n"
            + "  root.textContent = 'recipes';\n}\n";
    static final String APP_V2 = "import { list } from './api.js';\n\nexport function render(root, recipes) {\n"
            + "  root.replaceChildren(...recipes.map(r => r.title));\n}\n";
    static final String SERVER_V1 = "import http from 'node:http';\n\nhttp.createServer().listen(3000);\n";
    static final String SERVER_V2 = "import http from 'node:http';\nimport { recipes } from './src/store.js';\n\n"
            + "http.createServer((req, res) => res.end(JSON.stringify(recipes))).listen(3000);\n";
    static final String INDEX = "<!doctype html><title>recipes</title><script type=\"module\" src=\"app.js\"></script>\n";
    static final String STORE = "export const recipes = [];\n";

    private static CoordinatorStub coordinator;
    private static TestEvents generation;
    private static String prompt;

    @TestHTTPResource("/")
    URL dashboard;

    private WebDriver driver;

    @BeforeAll
    static void startCoordinator() {
        coordinator = CoordinatorStub.start(47081);
    }

    @AfterAll
    static void stopCoordinator() {
        coordinator.close();
    }

    @BeforeEach
    void startBrowser() {
        ChromeDriver chrome = io.streamgen.gateway.support.HeadlessChromium.start(1280, 800);
        // the page's own viewport at 1280×800 (a window of that size leaves less to the page)
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        driver = chrome;
        produceTheTeamsGeneration();
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void shouldListAnotherClientsGenerationOpenItByUrlAndShowRatesFilesAndCheckpoints() throws Exception {
        driver.get(dashboard.toString());
        WebElement entry = await().atMost(WAIT).until(() -> link(generation.id()), e -> e != null);
        assertThat(entry.getText()).contains(prompt).contains("completed").contains("platform-team");

        // the list is live: a generation started elsewhere after the page loaded appears without a reload
        TestEvents other = new TestEvents(TestEvents.newId("team-other"));
        other.started("a second team's shift planner", "ci");
        other.completed();
        await().atMost(WAIT).until(() -> link(other.id()) != null && link(other.id()).getText().contains("completed"));
        screenshot("team-list");

        link(generation.id()).click();
        await().atMost(WAIT).until(() -> driver.getCurrentUrl().endsWith("/?generation=" + generation.id()));
        await().atMost(WAIT).until(() -> text("connection").equals("ended"));
        driver.navigate().refresh(); // the URL keeps it open
        await().atMost(WAIT).until(() -> text("current").equals(generation.id()) && text("connection").equals("ended"));
        assertThat(text("current-prompt")).isEqualTo(prompt);
        assertThat(link(generation.id()).getAttribute("aria-current")).isEqualTo("page");

        // the chart: the agents' reported rates, not the 3131 tok/s of a rate measured on one token
        WebElement chart = driver.findElement(By.id("tps"));
        await().atMost(WAIT).until(() -> "150".equals(chart.getAttribute("data-max")));
        assertThat(chart.getAttribute("data-top")).isEqualTo("200");
        assertThat(text("tps-legend")).contains("UI").contains("API").contains("LOGIC");
        assertThat(chart.getAttribute("aria-label")).contains("Highest charted: 150");
        screenshot("team-chart");

        // the files: a tree whose folders close and open, the latest diff and the whole (patched) file
        driver.findElement(By.id("tab-files")).click();
        WebElement publicFolder = driver.findElement(By.cssSelector("#file-tree summary[data-folder='public']"));
        WebElement appJs = driver.findElement(By.cssSelector("#file-tree button[data-path='public/app.js']"));
        assertThat(text("file-tree")).contains("src/").contains("store.js").contains("server.js");
        publicFolder.click();
        assertThat(appJs.isDisplayed()).isFalse();
        publicFolder.sendKeys(Keys.ENTER); // folders open from the keyboard too
        assertThat(appJs.isDisplayed()).isTrue();
        appJs.click();
        await().atMost(WAIT).until(() -> text("file-title").equals("public/app.js"));
        assertThat(text("file-meta")).contains("version 2").contains("by UI");
        assertThat(text("file-diff")).contains("-export function render(root) {")
                .contains("+  root.replaceChildren(...recipes.map(r => r.title));");
        assertThat(text("file-content")).isEqualTo(APP_V2.stripTrailing());
        assertThat(driver.findElements(By.cssSelector("#file-diff .d-add"))).hasSize(2);
        screenshot("team-files");

        // the checkpoints: two of them compared, then a rollback to the first
        driver.findElement(By.id("tab-checkpoints")).click();
        assertThat(driver.findElements(By.cssSelector("#checkpoints li[data-checkpoint]"))).hasSize(2);
        assertThat(new Select(driver.findElement(By.id("compare-from"))).getFirstSelectedOption().getText()).startsWith("#1");
        assertThat(new Select(driver.findElement(By.id("compare-to"))).getFirstSelectedOption().getText()).startsWith("#2");
        driver.findElement(By.cssSelector("#compare button[type=submit]")).click();
        await().atMost(WAIT).until(() -> text("compare-status").contains("3 files changed, 1 unchanged"));
        WebElement appDiff = driver.findElement(By.cssSelector("#compare-result details[data-path='public/app.js']"));
        assertThat(appDiff.getText()).contains("modified").contains("+  root.replaceChildren");
        assertThat(text("compare-result")).contains("src/store.js added").contains("server.js modified");
        screenshot("team-checkpoints");

        driver.findElement(By.cssSelector("#checkpoints li[data-checkpoint='1'] button.rollback")).click();
        Intervention rollback = TestKafka.shared().client().awaitValues(Topics.CONTROL, generation.id(), 1).get(0);
        assertThat(rollback.getAction()).isEqualTo(InterventionAction.ROLLBACK);
        assertThat(rollback.getCheckpointId()).isEqualTo(1);
        await().atMost(WAIT).until(() -> text("connection").equals("ended")); // followed again, for its re-run

        assertNoConsoleErrors();
    }

    @Test
    void shouldReplayAFinishedGenerationAtTenTimesAndFromACheckpoint() throws Exception {
        driver.get(dashboard + "?generation=" + generation.id());
        await().atMost(WAIT).until(() -> text("connection").equals("ended"));
        WebElement replay = driver.findElement(By.id("replay"));
        await().atMost(WAIT).until(replay::isEnabled);

        // at 10×: the generation's 16 s of events in about 1.6 s, through the same panes
        new Select(driver.findElement(By.id("replay-speed"))).selectByValue("10");
        long started = System.nanoTime();
        replay.click();
        await().atMost(WAIT).until(() -> text("connection").equals("replaying"));
        await().atMost(WAIT).until(() -> text("tab-files").contains("(3)") || text("replay-status").contains("finished"));
        screenshot("team-replay");
        await().atMost(WAIT).until(() -> text("replay-status").contains("finished"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("paced by the events' timestamps at 10×").isGreaterThan(Duration.ofMillis(1000));
        assertThat(text("replay-status")).contains("from the start at 10×");
        assertThat(driver.findElement(By.id("tps")).getAttribute("data-max")).isEqualTo("150");
        assertThat(text("connection")).isEqualTo("replayed");
        assertThat(TestKafka.shared().client().awaitValues(Topics.EVENTS, generation.id(), 1)).isNotEmpty();

        // from checkpoint 2, flat out: its files as snapshots, then what came after
        new Select(driver.findElement(By.id("replay-speed"))).selectByValue("0");
        driver.findElement(By.id("tab-checkpoints")).click();
        driver.findElement(By.cssSelector("#checkpoints li[data-checkpoint='2'] button.replay-from")).click();
        await().atMost(WAIT).until(() -> text("replay-status").contains("from checkpoint #2 at flat out finished"));
        assertThat(driver.findElements(By.cssSelector("#checkpoints li[data-checkpoint]"))).hasSize(1);
        driver.findElement(By.id("tab-files")).click();
        driver.findElement(By.cssSelector("#file-tree button[data-path='src/store.js']")).click();
        await().atMost(WAIT).until(() -> text("file-content").equals(STORE.stripTrailing()));
        assertThat(text("file-meta")).contains("snapshot");
        screenshot("team-replay-from-checkpoint");

        // keyboard: the tabs follow the arrow keys, focus is visible, nothing is wider than the window
        WebElement filesTab = driver.findElement(By.id("tab-files"));
        filesTab.sendKeys(Keys.ARROW_RIGHT);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-checkpoints");
        assertThat(driver.findElement(By.id("panel-checkpoints")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("panel-files")).isDisplayed()).isFalse();
        Object outline = ((JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(document.activeElement).outlineStyle");
        assertThat(outline).isEqualTo("solid");
        Object fits = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth");
        assertThat(fits).isEqualTo(true);
        screenshot("team-keyboard");

        assertNoConsoleErrors();
    }

    /** One finished generation with two checkpoints, produced once for the class, its events 16 s apart end to end. */
    private static synchronized void produceTheTeamsGeneration() {
        if (generation != null) {
            return;
        }
        prompt = "a recipe box for the kitchen team " + UUID.randomUUID();
        TestEvents g = new TestEvents(TestEvents.newId("team"));
        Instant t0 = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        g.at(t0).started(prompt, "platform-team");
        g.at(t0.plusSeconds(1)).phase(Phase.SKELETON, PhaseState.STARTED);
        g.status("skeleton-ui", Role.UI, Phase.SKELETON, AgentState.STARTED, 0, 0);
        g.status("skeleton-api", Role.API, Phase.SKELETON, AgentState.STARTED, 0, 0);
        // an agent's first STREAMING status: one token divided by the microseconds since it arrived
        g.at(t0.plusSeconds(2)).status("skeleton-ui", Role.UI, Phase.SKELETON, AgentState.STREAMING, 1, 3131.9);
        g.status("skeleton-api", Role.API, Phase.SKELETON, AgentState.STREAMING, 1, 2874.0);
        g.at(t0.plusSeconds(3)).status("skeleton-ui", Role.UI, Phase.SKELETON, AgentState.STREAMING, 75, 150.2);
        g.status("skeleton-api", Role.API, Phase.SKELETON, AgentState.STREAMING, 70, 140.1);
        g.at(t0.plusSeconds(4)).created(Role.UI, "public/index.html", INDEX);
        g.created(Role.UI, "public/app.js", APP_V1);
        g.created(Role.API, "server.js", SERVER_V1);
        g.at(t0.plusSeconds(5)).status("skeleton-ui", Role.UI, Phase.SKELETON, AgentState.STREAMING, 150, 149.6);
        g.status("skeleton-api", Role.API, Phase.SKELETON, AgentState.STREAMING, 140, 139.8);
        g.at(t0.plusSeconds(6)).status("skeleton-ui", Role.UI, Phase.SKELETON, AgentState.DONE, 220, 148.9);
        g.status("skeleton-api", Role.API, Phase.SKELETON, AgentState.DONE, 200, 139.5);
        g.at(t0.plusSeconds(7)).checkpoint(1, Phase.SKELETON, List.of("public/app.js", "public/index.html", "server.js"));
        g.at(t0.plusSeconds(8)).phase(Phase.SKELETON, PhaseState.COMPLETED);
        g.phase(Phase.FEATURES, PhaseState.STARTED);
        g.at(t0.plusSeconds(9)).status("features-ui", Role.UI, Phase.FEATURES, AgentState.STREAMING, 1, 2990.0);
        g.at(t0.plusSeconds(10)).status("features-ui", Role.UI, Phase.FEATURES, AgentState.STREAMING, 80, 150.0);
        g.status("features-logic", Role.LOGIC, Phase.FEATURES, AgentState.STREAMING, 60, 145.3);
        g.at(t0.plusSeconds(11)).modified(Role.UI, "public/app.js", 2, APP_V1, APP_V2);
        g.created(Role.LOGIC, "src/store.js", STORE);
        g.at(t0.plusSeconds(12)).modified(Role.LOGIC, "server.js", 2, SERVER_V1, SERVER_V2);
        g.at(t0.plusSeconds(13)).status("features-ui", Role.UI, Phase.FEATURES, AgentState.DONE, 160, 149.1);
        g.status("features-logic", Role.LOGIC, Phase.FEATURES, AgentState.DONE, 120, 144.0);
        g.at(t0.plusSeconds(14)).checkpoint(2, Phase.FEATURES, List.of("public/app.js", "public/index.html", "server.js",
                "src/store.js"));
        g.storeCheckpoint(2, Phase.FEATURES, Map.of("public/app.js", Map.entry(2, APP_V2), "public/index.html",
                Map.entry(1, INDEX), "server.js", Map.entry(2, SERVER_V2), "src/store.js", Map.entry(1, STORE)));
        g.at(t0.plusSeconds(15)).phase(Phase.FEATURES, PhaseState.COMPLETED);
        g.at(t0.plusSeconds(16)).completed();
        coordinator.checkpoint(g.id(), 1, Map.of("public/app.js", APP_V1, "public/index.html", INDEX, "server.js", SERVER_V1))
                .checkpoint(g.id(), 2, Map.of("public/app.js", APP_V2, "public/index.html", INDEX, "server.js", SERVER_V2,
                        "src/store.js", STORE));
        generation = g;
    }

    private WebElement link(String generationId) {
        List<WebElement> links = driver.findElements(By.cssSelector("#generations a[data-generation='" + generationId + "']"));
        return links.isEmpty() ? null : links.get(0);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /**
     * No error in the console, and no warning but the one Chromium gives for the preview frame's
     * sandbox (allow-scripts with allow-same-origin, which the preview runner's own origin needs).
     */
    private void assertNoConsoleErrors() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(entries.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList())
                .as("console errors").isEmpty();
        assertThat(entries.stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(e -> !e.getMessage().contains("allow-same-origin for its sandbox attribute")).toList())
                .as("console warnings").isEmpty();
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("streamgen.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
