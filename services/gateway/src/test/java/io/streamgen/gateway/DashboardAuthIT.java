package io.streamgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamgen.gateway.support.CoordinatorStub;
import io.streamgen.gateway.support.HeadlessChromium;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard with auth on, in Chromium: it signs in once (a token for the session cookie) and its
 * list, streams and reads then work with the cookie alone, while the same read without it is a 401.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
@TestProfile(AuthIT.AuthOn.class)
class DashboardAuthIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static CoordinatorStub coordinator;

    @TestHTTPResource("/")
    URL dashboard;

    @BeforeAll
    static void startCoordinator() {
        coordinator = CoordinatorStub.start(47081);
    }

    @AfterAll
    static void stopCoordinator() {
        coordinator.close();
    }

    @Test
    void shouldSignInOnceThenListStreamAndReadWithTheSessionCookie() {
        ChromeDriver driver = HeadlessChromium.start(1200, 900);
        try {
            TestEvents events = new TestEvents(TestEvents.newId("dash-auth"));
            events.started("a signed-in todo app", "alice");
            events.completed();
            driver.get(dashboard + "?generation=" + events.id()); // a link to a generation, before signing in
            await().atMost(WAIT).until(() -> driver.findElement(By.id("login")).isDisplayed());
            driver.findElement(By.id("token")).sendKeys("wrong");
            driver.findElement(By.cssSelector("#login button[type=submit]")).click();
            await().atMost(WAIT).until(() -> driver.findElement(By.id("login-error")).getText().contains("not accepted"));
            driver.findElement(By.id("token")).sendKeys("s3cret");
            driver.findElement(By.cssSelector("#login button[type=submit]")).click();
            await().atMost(WAIT).until(() -> !driver.findElement(By.id("login")).isDisplayed());

            await().atMost(WAIT).until(() -> driver.findElement(By.id("generations")).getText().contains("a signed-in todo app"));
            await().atMost(WAIT).until(() -> driver.findElement(By.id("connection")).getText().equals("ended"));

            String files = "/api/generations/" + CoordinatorStub.GENERATION + "/files";
            assertThat(status(driver, files, "same-origin")).isEqualTo(200);
            assertThat(status(driver, files, "omit")).isEqualTo(401);
        } finally {
            driver.quit();
        }
    }

    private static long status(ChromeDriver driver, String path, String credentials) {
        Object status = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: arguments[1]}).then(r => done(r.status), () => done(-1));",
                path, credentials);
        return ((Number) status).longValue();
    }
}
