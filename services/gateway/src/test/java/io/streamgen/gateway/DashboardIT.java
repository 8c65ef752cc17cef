package io.streamgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Role;
import io.streamgen.schema.ModelSwitch;
import io.streamgen.schema.SwitchCause;
import io.streamgen.schema.event.GenerationAnalytics;
import io.streamgen.schema.event.InterventionApplied;
import io.streamgen.schema.event.ModelChanged;
import io.streamgen.schema.event.ModelUsage;
import io.streamgen.schema.topic.Topics;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard in headless Chromium against the test broker: the test plays the coordinator (it
 * reads the request the page made and produces that generation's events).
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class DashboardIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL dashboard;

    private WebDriver driver;

    @BeforeEach
    void startBrowser() {
        ChromeDriver chrome = io.streamgen.gateway.support.HeadlessChromium.start(1400, 1000);
        driver = chrome;
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void shouldStartAGenerationShowLiveEventsAndSendAPause() throws Exception {
        String prompt = "a kanban board " + UUID.randomUUID();
        driver.get(dashboard.toString());
        driver.findElement(By.id("prompt")).sendKeys(prompt);
        driver.findElement(By.id("start-button")).click();

        List<ConsumerRecord<String, GenerationRequested>> requests = TestKafka.shared().client()
                .await(Topics.REQUESTS, r -> prompt.equals(r.value().getPrompt()), 1, WAIT);
        GenerationRequested request = requests.get(0).value();
        assertThat(request.getFlags().getParallel()).isTrue();
        TestEvents events = new TestEvents(request.getGenerationId());
        await().atMost(WAIT).until(() -> text("connection").equals("live"));

        events.started();
        events.task(Role.UI, AgentState.STREAMING);
        events.draft(Role.UI, "public/app.js", 1, "export function board() {\n");
        events.draft(Role.UI, "public/app.js", 2, "  return '<ul class=\"board\"></ul>';\n}\n");
        events.task(Role.API, AgentState.STREAMING);
        events.file(Role.API, "server.js", 1, "import http from 'node:http';\nhttp.createServer().listen(3000);\n");
        await().atMost(WAIT).until(() -> driver.findElement(By.cssSelector("#agent-ui pre")).getText()
                .contains("return '<ul class=\"board\"></ul>'"));
        await().atMost(WAIT).until(() -> driver.findElement(By.cssSelector("#agent-api pre")).getText()
                .contains("createServer"));
        assertThat(driver.findElements(By.cssSelector("#agent-ui pre .kw"))).isNotEmpty();

        driver.findElement(By.id("pause")).click();
        Intervention pause = TestKafka.shared().client().awaitValues(Topics.CONTROL, request.getGenerationId(), 1).get(0);
        assertThat(pause.getAction()).isEqualTo(InterventionAction.PAUSE);
        events.send(InterventionApplied.newBuilder().setInterventionId(pause.getInterventionId())
                .setAction(InterventionAction.PAUSE).setRole(null).setText(null).setRequestedBy("anonymous")
                .setAccepted(true).setDetail("paused 2 tasks").build(), 0.4);
        driver.findElement(By.id("tab-events")).click(); // the log is a tab of its own
        await().atMost(WAIT).until(() -> text("log").contains("PAUSE applied: paused 2 tasks"));
        assertThat(text("log")).contains("PAUSE sent");

        driver.findElement(By.id("tab-agents")).click();
        events.send(ModelChanged.newBuilder().setRole(Role.UI).setTaskId(null).setChange(ModelSwitch.newBuilder()
                .setFromModel("ollama:big").setToModel("openai:fast").setCause(SwitchCause.SLOW)
                .setReason("ui: 12 tokens/s < floor 40 for 10 s").build()).build(), 0.9);
        await().atMost(WAIT).until(() -> driver.findElement(By.cssSelector("#agent-ui .notes")).getText()
                .contains("later tasks: ollama:big → openai:fast (slow: ui: 12 tokens/s < floor 40 for 10 s)"));
        assertThat(driver.findElement(By.id("analytics")).isDisplayed()).as("no analytics before the end").isFalse();

        events.send(GenerationAnalytics.newBuilder().setUsage(List.of(
                ModelUsage.newBuilder().setRole(Role.UI).setModel("template").setTokens(640).setChunks(30).build(),
                ModelUsage.newBuilder().setRole(Role.API).setModel("template").setTokens(320).setChunks(12).build()))
                .setPhaseMillis(java.util.Map.of("SKELETON", 1200L, "FEATURES", 2400L)).setTotalMillis(3700)
                .setTimeToFirstTokenMillis(150).build(), 1.0);
        events.completed();
        await().atMost(WAIT).until(() -> text("connection").equals("ended"));
        await().atMost(WAIT).until(() -> driver.findElement(By.id("analytics")).isDisplayed());
        assertThat(driver.findElements(By.cssSelector("#analytics rect")))
                .extracting(e -> e.getDomAttribute("data-label"))
                .containsExactly("UI · template", "API · template", "SKELETON", "FEATURES");
        assertThat(text("analytics")).contains("960 tokens written").contains("total 3.7 s, first token after 150 ms");
        screenshot();

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors").isEmpty();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private void screenshot() throws Exception {
        Path dir = Path.of(System.getProperty("streamgen.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
