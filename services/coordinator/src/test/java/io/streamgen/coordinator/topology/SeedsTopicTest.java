package io.streamgen.coordinator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SeedMessage;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topics;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The seeds topic of a re-derivation from a checkpoint: where it is declared, what it carries. */
class SeedsTopicTest extends WiredTopologyTest {

    @Test
    void shouldLoopTheWiredTopologyThroughItsOwnSeedsTopicNamedForTheApplication() {
        String seeds = CoordinatorTopology.seedsTopic("streamgen-coordinator");
        assertThat(seeds).as("covered by the coordinator's prefixed topic ACLs (create-acls.sh)")
                .isEqualTo("streamgen-coordinator-seeds").startsWith("streamgen-coordinator-");
        TopologyDescription description = streams.getTopology().describe();
        assertThat(description.subtopologies()).as("one sub-topology: the seeds reach the stores' own task")
                .hasSize(1);
        assertThat(description.subtopologies().iterator().next().nodes()).anySatisfy(node -> {
            assertThat(node).isInstanceOf(TopologyDescription.Source.class);
            assertThat(((TopologyDescription.Source) node).topicSet()).containsExactly(seeds);
        }).anySatisfy(node -> {
            assertThat(node).isInstanceOf(TopologyDescription.Sink.class);
            assertThat(((TopologyDescription.Sink) node).topic()).isEqualTo(seeds);
        });
    }

    @Test
    void shouldCarryOneFileUpToTheCataloguesRecordSize() {
        assertThat(CoordinatorTopology.seedsTopicConfig()).containsEntry(Topics.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(Topics.MAX_MESSAGE_BYTES)).containsEntry("cleanup.policy", "delete");
        SourceFile file = new SourceFile("src/app.js");
        Region region = new Region("main", Role.API, Phase.SKELETON);
        region.setText("export const x = 1;\n");
        file.regions.add(region);
        file.version = 7;
        SeedMessage sent = SeedMessage.request("gen-a", "gen-b", 2).file(file);
        StateSerde<SeedMessage> serde = new StateSerde<>(SeedMessage.class);

        SeedMessage read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", sent));

        assertThat(read.kind).isEqualTo(SeedMessage.Kind.FILE);
        assertThat(read.key()).as("answers travel under the new generation's key").isEqualTo("gen-b");
        assertThat(read.file.content()).isEqualTo(file.content());
        assertThat(read.file.version).isEqualTo(7);
        assertThat(read.file.regions).singleElement().satisfies(r -> {
            assertThat(r.owner).isEqualTo(Role.API);
            assertThat(r.name).isEqualTo("main");
        });
        assertThat(SeedMessage.request("gen-a", "gen-b", 2).key()).as("a request travels under the source's key")
                .isEqualTo("gen-a");
    }
}
