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
    void shouldParseEventIds() {
        assertThat(EventPosition.parse("3-1742")).isEqualTo(new EventPosition(3, 1742));
        assertThat(new EventPosition(3, 1742)).hasToString("3-1742");
        for (String bad : new String[] {"", "3", "3-", "-1", "a-b", "3--1"}) {
            assertThatThrownBy(() -> EventPosition.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
