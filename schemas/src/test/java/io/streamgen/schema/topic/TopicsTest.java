package io.streamgen.schema.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Role;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldListEveryTopicOfTheDesignOnce() {
        Set<String> names = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());

        assertThat(names).hasSize(Topics.all().size()).containsExactlyInAnyOrder(
                "streamgen.requests", "streamgen.tasks.ui", "streamgen.tasks.logic", "streamgen.tasks.api",
                "streamgen.tasks.optimization", "streamgen.tasks.testing", "streamgen.chunks", "streamgen.status",
                "streamgen.bus", "streamgen.control", "streamgen.events", "streamgen.checkpoints", "streamgen.cache", "streamgen.dlq");
    }

    @Test
    void shouldCoPartitionWhatTheCoordinatorJoins() {
        assertThat(Topics.coPartitioned()).extracting(Topic::partitions).containsOnly(Topics.DEFAULT_PARTITIONS);
    }

    @Test
    void shouldGiveEachRoleItsOwnTaskTopic() {
        for (Role role : Role.values()) {
            Topic<AgentTask> tasks = Topics.tasks(role);
            assertThat(tasks.valueType()).isEqualTo(AgentTask.class);
            assertThat(tasks.name()).endsWith("." + role.name().toLowerCase());
        }
    }

    @Test
    void shouldKeepTheReplayWindowAndCompactCheckpoints() {
        assertThat(Topics.EVENTS.config()).containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
        assertThat(Topics.DLQ.config()).containsEntry("retention.ms", Long.toString(Duration.ofDays(14).toMillis()));
        assertThat(Topics.CHECKPOINTS.compacted()).isTrue();
        assertThat(Topics.CACHE.compacted()).isTrue();
        assertThat(Topics.CACHE.config()).containsEntry("retention.ms", Long.toString(Duration.ofDays(30).toMillis()));
        assertThat(Topics.all()).filteredOn(t -> t != Topics.CHECKPOINTS && t != Topics.CACHE).noneMatch(Topic::compacted);
    }

    @Test
    void shouldLetEveryTopicCarryTheLargestRecord() {
        assertThat(Topics.all()).allSatisfy(topic -> assertThat(topic.config())
                .containsEntry("max.message.bytes", Integer.toString(Topics.MAX_MESSAGE_BYTES)));
    }

    @Test
    void shouldBeImmutable() {
        assertThat(Topics.all()).isUnmodifiable();
        assertThat(Topics.EVENTS.config()).isUnmodifiable();
        assertThat(Topics.EVENTS.withPartitions(12).partitions()).isEqualTo(12);
        assertThat(Topics.EVENTS.partitions()).isEqualTo(Topics.DEFAULT_PARTITIONS);
    }

    @Test
    void shouldFindTopicsByName() {
        assertThat(Topics.byName("streamgen.bus")).contains(Topics.BUS);
        assertThat(Topics.byName("nope")).isEmpty();
        assertThat(Topics.checkpointKey("g1", 3)).isEqualTo("g1/3");
    }
}
