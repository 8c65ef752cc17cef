package io.streamgen.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.topology.Patches;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegionDiffTest {

    private static final String[] PIECES = {"", "a", "b\n", "\n", "const x = 1;\n", "tail", "\n\n", "y\nz"};

    @Test
    void givenAnyRegionChange_whenItsDiffIsApplied_thenTheWholeFileIsRebuilt() {
        Random random = new Random(42);
        for (int round = 0; round < 5000; round++) {
            SourceFile file = new SourceFile("f.js");
            int regions = 1 + random.nextInt(5);
            for (int i = 0; i < regions; i++) {
                file.regions.add(region("r" + i, text(random)));
            }
            int index = random.nextInt(regions);
            String beforeContent = file.content();
            Region region = file.regions.get(index);
            String before = region.text;
            boolean removed = random.nextInt(5) == 0;
            String after;
            if (removed) {
                file.regions.remove(index);
                after = "";
            } else {
                after = random.nextBoolean() ? before + text(random) : text(random);
                region.setText(after);
            }
            if (file.regions.isEmpty()) {
                continue; // a file without regions is deleted, whole
            }
            String diff = RegionDiff.of(file.path, file, index, before, after, removed);
            assertThat(Patches.apply(beforeContent, diff)).as("round %d: %s → %s", round, beforeContent, file.content())
                    .isEqualTo(file.content());
        }
    }

    @Test
    void givenALargeFile_whenItsLastRegionGrows_thenTheDiffCoversThatRegionOnly() {
        SourceFile file = new SourceFile("big.js");
        for (int i = 0; i < 200; i++) {
            file.regions.add(region("r" + i, "export const value" + i + " = " + i + ";\n".repeat(1)
                    + "// filler line for region " + i + "\n".repeat(1)));
        }
        String beforeContent = file.content();
        Region last = file.regions.get(199);
        String before = last.text;
        last.setText(before + "export const appended = true;\n");

        String diff = RegionDiff.of(file.path, file, 199, before, last.text, false);

        assertThat(diff).startsWith("--- a/big.js\n+++ b/big.js\n@@ -399,").contains("+export const appended = true;")
                .doesNotContain("value0 ").hasLineCount(7);
        assertThat(Patches.apply(beforeContent, diff)).isEqualTo(file.content());
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static Region region(String name, String text) {
        Region region = new Region(name, Role.API, Phase.SKELETON);
        region.setText(text);
        return region;
    }
}
