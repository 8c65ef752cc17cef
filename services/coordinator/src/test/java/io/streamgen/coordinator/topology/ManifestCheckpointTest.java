package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.engine.store.Keys;
import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** Checkpoints are manifests of content-addressed file versions: an unchanged file is stored once. */
class ManifestCheckpointTest extends WiredTopologyTest {

    @Test
    void givenFilesUnchangedSinceTheLastCheckpoint_whenTheNextIsTaken_thenTheyAreNotStoredAgain() {
        driver.request(flags().build());
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", "routes", "// routes\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "logic.js", "core", "// core\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "ui.js", "page", "// page\n");
        assertThat(blobs()).hasSize(3);

        driver.write("features-api", Role.API, Phase.FEATURES, "server.js", "handlers", "// handlers\n");
        driver.finish("features-logic", Role.LOGIC, Phase.FEATURES);
        driver.finish("features-ui", Role.UI, Phase.FEATURES);

        assertThat(driver.checkpoints()).extracting(Checkpoint::getCheckpointId).containsExactly(1, 2);
        assertThat(blobs()).as("only server.js changed: one more stored version").hasSize(4);
        Map<String, ManifestEntry> first = manifest(1);
        Map<String, ManifestEntry> second = manifest(2);
        assertThat(second).containsOnlyKeys("server.js", "logic.js", "ui.js");
        assertThat(second.get("logic.js").blob).isEqualTo(first.get("logic.js").blob);
        assertThat(second.get("ui.js").blob).isEqualTo(first.get("ui.js").blob);
        assertThat(second.get("server.js").blob).isNotEqualTo(first.get("server.js").blob);
        assertThat(second.get("server.js").sha256).isEqualTo(SourceFile.sha256("// routes\n// handlers\n"));
        assertThat(driver.checkpoints()).as("the store keeps no pending change").isEmpty();
        KeyValueStore<String, Long> changes = driver.driver().getKeyValueStore(StoreNames.CHANGES);
        try (var all = changes.all()) {
            assertThat(all.hasNext()).as("every change went into checkpoint 2").isFalse();
        }
    }

    @Test
    void givenAManifest_whenRolledBack_thenTheFilesAreItsVersionsAndASmallCheckpointStillCarriesContent() {
        driver.request(flags().build());
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", "routes", "// routes\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "logic.js", "core", "// core\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "ui.js", "page", "// page\n");
        driver.write("features-api", Role.API, Phase.FEATURES, "server.js", "handlers", "// handlers\n");
        driver.write("features-logic", Role.LOGIC, Phase.FEATURES, "more.js", null, "// more\n");
        driver.finish("features-ui", Role.UI, Phase.FEATURES);
        List<Checkpoint> published = driver.checkpoints();
        assertThat(published.get(0).getFiles().get("server.js").getContent()).isEqualTo("// routes\n");

        driver.intervene(InterventionAction.ROLLBACK, Intervention.newBuilder().setCheckpointId(1));

        assertThat(driver.files().contents()).isEqualTo(Map.of("server.js", "// routes\n", "logic.js", "// core\n",
                "ui.js", "// page\n"));
        assertThat(driver.files().file("server.js").regions).extracting(r -> r.name).containsExactly("routes");
    }

    @Test
    void givenTheCatalogue_whenTheStreamsProducerIsConfigured_thenItMaySendTheLargestRecordTheTopicsAccept() {
        Properties config = streams.getStreamsConfiguration();

        assertThat(config.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)))
                .isEqualTo(Integer.toString(Topics.MAX_MESSAGE_BYTES));
        assertThat(CoordinatorTopology.changelogConfig())
                .containsEntry("max.message.bytes", Integer.toString(Topics.MAX_MESSAGE_BYTES));
        assertThat(Topics.EVENTS.config()).containsEntry("max.message.bytes", Integer.toString(Topics.MAX_MESSAGE_BYTES));
    }

    private List<String> blobs() {
        KeyValueStore<String, SourceFile> store = driver.driver().getKeyValueStore(StoreNames.BLOBS);
        List<String> keys = new java.util.ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private Map<String, ManifestEntry> manifest(int checkpointId) {
        KeyValueStore<String, ManifestEntry> store = driver.driver().getKeyValueStore(StoreNames.MANIFESTS);
        Map<String, ManifestEntry> entries = new TreeMap<>();
        try (var all = store.prefixScan(Keys.checkpoint(CoordinatorDriver.GENERATION, checkpointId),
                new StringSerializer())) {
            all.forEachRemaining(entry -> entries.put(entry.value.path, entry.value));
        }
        return entries;
    }
}
