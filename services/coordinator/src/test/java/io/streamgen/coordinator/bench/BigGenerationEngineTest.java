package io.streamgen.coordinator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DESIGN §5 "State per key, bounded records": a 10 MB generation through the engine, no value over one file's. */
class BigGenerationEngineTest {

    @Test
    void givenATenMegabyteGeneration_whenItRuns_thenItCompletesWithEveryStoreValueBoundedByOneFile() {
        TemplateLikeWorkload.Outcome outcome = new TemplateLikeWorkload().run("ten-mb", 10L * 1024 * 1024);

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.codeBytes()).isGreaterThan(10L * 1000 * 1000);
        // one file of the workload is about 16 KB of code; its stored form and its checkpoint blob a little more
        assertThat(outcome.largestValue()).isLessThan(64 * 1024);
        assertThat(outcome.largestState()).as("the generation's own state holds no file").isLessThan(16 * 1024);
        // a manifest names every file (about 100 bytes each), no content
        assertThat(outcome.largestCheckpoint()).isLessThan((int) (outcome.files() * 160));
    }
}
