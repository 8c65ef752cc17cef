package io.streamgen.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamgen.gateway.hub.EventPosition;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing of filters and event ids. */
class EventFilterTest {

    @Test
    void shouldAcceptKebabAndPascalTypesAndAnyCaseRoles() {
        EventFilter filter = EventFilter.parse("FileChanged, draft-chunk", "ui,Api");
        assertThat(filter.types()).isEqualTo(Set.of("file-changed", "draft-chunk"));
        assertThat(filter.roles()).isEqualTo(Set.of("UI", "API"));
        assertThat(EventFilter.parse(null, " ")).isEqualTo(EventFilter.ALL);
    }

    @Test
    void givenTheIssue16Types_thenFiltersKnowThemAndTheDashboardListensForEveryPayloadType() throws Exception {
        assertThat(EventFilter.parse("model-changed,ContextTrimmed,answer-cached,generation-analytics", null).types())
                .hasSize(4);
        // an EventSource hands a named event only to a listener for its name: the dashboard must list them all
        String script = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/main/resources/META-INF/resources/js/event-stream.js"));
        for (org.apache.avro.Schema payload : io.streamgen.schema.GenerationEvent.getClassSchema().getField("payload")
                .schema().getTypes()) {
            String type = payload.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            assertThat(script).as("event-stream.js EVENT_TYPES").contains("'" + type + "'");
        }
    }

    @Test
    void shouldRejectUnknownTypesAndRoles() {
        assertThatThrownBy(() -> EventFilter.parse("file-moved", null)).hasMessageContaining("file-moved");
        assertThatThrownBy(() -> EventFilter.parse(null, "chef")).hasMessageContaining("CHEF");
    }

    @Test
    void shouldKnowEveryEventTypeOfTheSchema() {
        assertThat(EventFilter.parse("model-changed,ContextTrimmed,answer-cached,generation-analytics", null).types())
                .hasSize(4);
    }

    @Test
    void shouldParseViewsAndPathGlobs() {
        EventFilter files = EventFilter.parse(null, null, "Files", "src/**, **.css");
        assertThat(files.view()).isEqualTo(EventFilter.View.FILES);
        assertThat(files.matchesPath("src/logic.js")).isTrue();
        assertThat(files.matchesPath("src/deep/er/x.js")).isTrue();
        assertThat(files.matchesPath("public/style.css")).isTrue();
        assertThat(files.matchesPath("public/index.html")).isFalse();
        assertThat(files.matchesPath("srcs/x.js")).isFalse();
        assertThat(EventFilter.parse(null, null, null, null)).isEqualTo(EventFilter.ALL);
        assertThatThrownBy(() -> EventFilter.parse(null, null, "everything", null)).hasMessageContaining("files, drafts, metrics");
        assertThatThrownBy(() -> EventFilter.parse(null, null, null, "src/[a")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> StreamRequest.compact("tiny")).hasMessageContaining("full, compact");
        assertThat(StreamRequest.compact("compact")).isTrue();
        assertThat(StreamRequest.compact(null)).isFalse();
    }

    @Test
    void shouldMatchAHostileGlobInTimeLinearInThePath() {
        // the JDK's glob is a backtracking regex: this one took 16 s on a 40-character path, on the
        // thread that delivers every client's events
        EventFilter hostile = EventFilter.parse(null, null, null, "**a**a**a**a**a**a**a**a**a**a**b");
        long start = System.nanoTime();
        assertThat(hostile.matchesPath("a".repeat(1000))).isFalse();
        assertThat(hostile.matchesPath("a".repeat(999) + "b")).isTrue();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(200));
    }

    @Test
    void shouldMatchGlobsAsTheJdkDoes() {
        String[] globs = {"src/**", "**.css", "*.js", "src/*.js", "src/?ogic.js", "src/[lm]*.js", "src/[!l]*.js",
                "src/[a-k]*", "{src,public}/**.{js,html}", "**/test/**", "server/app.js", "\\*x", "**", "*"};
        String[] paths = {"src/logic.js", "src/deep/er/x.js", "public/style.css", "public/index.html", "srcs/x.js",
                "app.js", "server/app.js", "a/test/b.js", "test/b.js", "*x", "src/main.js", "src/ui.js", "src/a-b.js"};
        for (String glob : globs) {
            var jdk = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
            EventFilter filter = EventFilter.parse(null, null, null, glob);
            for (String path : paths) {
                assertThat(filter.matchesPath(path)).as(glob + " on " + path).isEqualTo(jdk.matches(java.nio.file.Path.of(path)));
            }
        }
    }

    @Test
    void shouldRefuseTypesTheViewNeverSends() {
        assertThatThrownBy(() -> EventFilter.parse("draft-chunk", null, "files", null))
                .hasMessageContaining("view=files never sends [draft-chunk]");
        assertThat(EventFilter.parse("rolled-back", null, "files", null).types()).containsExactly("rolled-back");
        assertThat(EventFilter.parse("draft-chunk", null, "all", null).types()).containsExactly("draft-chunk");
    }

    @Test
    void shouldSplitPathListsBetweenGlobsNotInsideTheirGroups() {
        assertThat(EventFilter.parse(null, null, null, "{src,public}/**, server/*.js").paths())
                .containsExactly("server/*.js", "{src,public}/**");
        assertThat(EventFilter.parse(null, null, null, "{src,public}/**").matchesPath("public/index.html")).isTrue();
    }

    @Test
    void shouldRefuseGlobsPastTheirBounds() {
        assertThatThrownBy(() -> EventFilter.parse(null, null, null, "a".repeat(300))).hasMessageContaining("256");
        assertThatThrownBy(() -> EventFilter.parse(null, null, null, "{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}"))
                .hasMessageContaining("alternatives");
        assertThatThrownBy(() -> EventFilter.parse(null, null, null, "{a,{b,c}}")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> EventFilter.parse(null, null, null, "src/[a")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> EventFilter.parse(null, null, null, "src/{a")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> EventFilter.parse(null, null, null, "src\\")).hasMessageContaining("malformed");
        String heavy = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "{a,b}" + i + "x".repeat(200))
                .collect(java.util.stream.Collectors.joining(","));
        assertThatThrownBy(() -> EventFilter.parse(null, null, null, heavy))
                .hasMessageContaining("at most " + EventFilter.MAX_GLOB_WEIGHT);
    }

    @Test
    void shouldParseEventIds() {
        assertThat(EventPosition.parse("3-1742")).isEqualTo(new EventPosition(3, 1742));
        assertThat(new EventPosition(3, 1742)).hasToString("3-1742");
        for (String bad : new String[] {"", "3", "3-", "-1", "a-b", "3--1"}) {
            assertThatThrownBy(() -> EventPosition.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
