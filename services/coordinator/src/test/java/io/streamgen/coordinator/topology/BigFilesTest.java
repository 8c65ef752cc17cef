package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.engine.SizeLimits;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.RolledBack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §5 "State per key, bounded records", through the topology with its real serdes and
 * RocksDB: a generation whose files total more than a changelog's 1 MB default completes, and no
 * store value holds more than one file.
 */
class BigFilesTest extends WiredTopologyTest {

    static final List<Role> ROLES = List.of(Role.API, Role.LOGIC, Role.UI);
    /** 2 files per role and phase, about 150 KB each: 1.8 MB in all. */
    static final int FILES = 2;
    static final int CHUNKS_PER_FILE = 25;

    @Test
    void givenFilesOverAMegabyteInAll_whenTheGenerationRuns_thenItCompletesAndNoStoreValueHoldsMoreThanAFile() {
        driver.request(flags().setParallel(true).build());
        run(Phase.SKELETON);
        run(Phase.FEATURES);

        assertThat(driver.events(GenerationCompleted.class)).hasSize(1);
        assertThat(driver.deadLetters()).isEmpty();
        long total = driver.files().files.values().stream().mapToLong(f -> f.content().length()).sum();
        assertThat(total).isGreaterThan(1_500_000);
        Map<String, Map<String, Integer>> sizes = driver.storedSizes();
        long largestFile = driver.files().files.values().stream().mapToLong(f -> f.weight()).max().orElseThrow();
        sizes.forEach((store, values) -> values.forEach((key, size) -> assertThat(size).as("%s / %s", store, key)
                .isLessThan((int) (store.equals(StoreNames.CHECKPOINTS) ? SizeLimits.MIB : largestFile + 64 * 1024))));
        assertThat(sizes.get(StoreNames.GENERATIONS).get(CoordinatorDriver.GENERATION))
                .as("the generation's own state holds no file").isLessThan(16 * 1024);
    }

    @Test
    void givenABigFile_whenAChunkIsAppendedToItsLastRegion_thenTheDiffCoversThatRegionAndNoContentIsSent() {
        driver.request(flags().setParallel(true).build());
        run(Phase.SKELETON);
        List<FileChanged> changes = driver.events(FileChanged.class);
        FileChanged first = changes.get(0);
        FileChanged later = changes.stream().filter(c -> c.getPath().equals(first.getPath())).reduce((a, b) -> b)
                .orElseThrow();

        assertThat(first.getOp()).isEqualTo(FileOp.CREATED);
        assertThat(first.getContent()).isNotNull();
        assertThat(later.getOp()).isEqualTo(FileOp.MODIFIED);
        assertThat(later.getContent()).as("a modification carries its diff only").isNull();
        assertThat(driver.content(later.getPath())).hasSizeGreaterThan(120_000);
        assertThat(later.getDiff()).as("the region's lines, not the file's").hasSizeLessThan(12_000);
        Map<String, String> viewer = replay(driver.events());
        assertThat(viewer).isEqualTo(driver.files().contents());
    }

    @Test
    void givenABigGeneration_whenRolledBack_thenTheManifestCheckpointIsRestoredExactly() {
        driver.request(flags().setParallel(true).build());
        run(Phase.SKELETON);
        Map<String, String> atSkeleton = driver.files().contents();
        run(Phase.FEATURES);
        List<Checkpoint> published = driver.checkpoints();
        assertThat(published).hasSize(2);
        assertThat(published.get(1).getFiles()).as("1.8 MB is published as a manifest").isNotEmpty()
                .allSatisfy((path, file) -> assertThat(file.getContent()).isNull());
        int seen = driver.events().size();

        driver.intervene(InterventionAction.ROLLBACK, Intervention.newBuilder().setCheckpointId(1));

        assertThat(driver.events(RolledBack.class)).hasSize(1);
        assertThat(driver.files().contents()).isEqualTo(atSkeleton);
        List<GenerationEvent> after = driver.events().subList(seen, driver.events().size());
        assertThat(after.stream().map(GenerationEvent::getPayload).filter(FileChanged.class::isInstance)
                .map(FileChanged.class::cast).filter(c -> c.getOp() == FileOp.DELETED).count())
                .as("the FEATURES files are taken away").isEqualTo(ROLES.size() * FILES);
    }

    /** Each role writes its files in that phase, chunk by chunk, then ends its task. */
    private void run(Phase phase) {
        for (Role role : ROLES) {
            String task = OrchestrationTest.id(phase, role);
            for (int f = 0; f < FILES; f++) {
                String path = phase.name().toLowerCase() + "/" + role.name().toLowerCase() + f + ".js";
                for (int c = 0; c < CHUNKS_PER_FILE; c++) {
                    driver.send(driver.chunk(task, role, phase, path, "part" + (c / 10), ChunkOp.APPEND, block(c)));
                }
            }
            driver.finish(task, role, phase);
        }
    }

    /** About 6 KB of JavaScript. */
    private static String block(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("export const value").append(n).append('_').append(i).append(" = ").append(i).append(";\n");
        }
        return text.toString();
    }

    private static Map<String, String> replay(List<GenerationEvent> events) {
        Map<String, String> files = new TreeMap<>();
        for (GenerationEvent event : events) {
            if (event.getPayload() instanceof FileChanged changed) {
                if (changed.getOp() == FileOp.DELETED) {
                    files.remove(changed.getPath());
                } else if (changed.getContent() != null) {
                    files.put(changed.getPath(), changed.getContent());
                } else {
                    files.put(changed.getPath(), Patches.apply(files.get(changed.getPath()), changed.getDiff()));
                }
            }
        }
        return files;
    }
}
