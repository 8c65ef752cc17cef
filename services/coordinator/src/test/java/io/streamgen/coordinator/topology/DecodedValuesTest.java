package io.streamgen.coordinator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.bench.MemoryStores;
import io.streamgen.coordinator.engine.store.BufferedKeyValues;
import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import org.junit.jupiter.api.Test;

class DecodedValuesTest {

    private final MemoryStores.Serialised<SourceFile> bytes = MemoryStores.of(new StateSerde<>(SourceFile.class));
    private final DecodedValues<SourceFile> decoded = new DecodedValues<>(bytes, 1 << 20, SourceFile::weight);
    private final BufferedKeyValues<SourceFile> buffered = new BufferedKeyValues<>(decoded);

    private static SourceFile file(String text) {
        SourceFile file = new SourceFile("src/app.js");
        Region region = new Region("", Role.LOGIC, Phase.SKELETON);
        region.setText(text);
        file.regions.add(region);
        return file;
    }

    @Test
    void shouldGiveTheObjectLastWrittenWithoutDecodingItAgain() {
        SourceFile written = file("let a = 1;\n");
        decoded.put("g/src/app.js", written);

        assertThat(decoded.get("g/src/app.js")).isSameAs(written);
        assertThat(bytes.get("g/src/app.js").content()).as("written through").isEqualTo("let a = 1;\n");
    }

    @Test
    void shouldDecodeAgainWhatAFailedRecordChangedInPlace() {
        buffered.put("g/src/app.js", file("let a = 1;\n"));
        buffered.flush();

        SourceFile inHand = buffered.get("g/src/app.js");
        inHand.regions.get(0).appendText("let b = 2;\n"); // the engine changes it, then the record fails
        buffered.discard();

        SourceFile again = buffered.get("g/src/app.js");
        assertThat(again).isNotSameAs(inHand);
        assertThat(again.content()).isEqualTo("let a = 1;\n");
    }

    @Test
    void shouldNotKeepAReadThatWasChangedButNotWrittenBack() {
        buffered.put("g/src/app.js", file("let a = 1;\n"));
        buffered.flush();

        buffered.get("g/src/app.js").regions.get(0).appendText("// scratch\n"); // no markDirty, no put
        buffered.flush();

        assertThat(buffered.get("g/src/app.js").content()).isEqualTo("let a = 1;\n");
    }

    @Test
    void shouldForgetEverythingWhenItsTaskRestarts() {
        SourceFile written = file("let a = 1;\n");
        decoded.put("g/src/app.js", written);
        decoded.clear();

        assertThat(decoded.get("g/src/app.js")).isNotSameAs(written).extracting(SourceFile::content)
                .isEqualTo("let a = 1;\n");
    }

    @Test
    void shouldStayWithinItsWeight() {
        DecodedValues<SourceFile> small = new DecodedValues<>(bytes, 100, SourceFile::weight);
        SourceFile big = file("x".repeat(200));
        small.put("g/big.js", big);

        assertThat(small.get("g/big.js")).as("too heavy to keep: decoded from the store").isNotSameAs(big)
                .extracting(SourceFile::content).isEqualTo("x".repeat(200));
    }
}
