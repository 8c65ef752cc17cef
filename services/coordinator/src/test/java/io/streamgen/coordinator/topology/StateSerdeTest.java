package io.streamgen.coordinator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StateSerdeTest {

    private final StateSerde<SourceFile> serde = new StateSerde<>(SourceFile.class);

    private static SourceFile file() {
        SourceFile file = new SourceFile("src/todo.js");
        file.version = 3;
        Region region = new Region("handlers", Role.API, Phase.FEATURES);
        region.setText("app.get('/todos', list); // \"quoted\" ünïcödé\n");
        file.regions.add(region);
        return file;
    }

    @Test
    void shouldWriteSmileAndReadItBackWithDerivedSizes() {
        byte[] bytes = serde.serializer().serialize("", file());

        assertThat(new String(bytes, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo(":)\n");
        SourceFile back = serde.deserializer().deserialize("", bytes);
        assertThat(back.content()).isEqualTo(file().content());
        assertThat(back.version).isEqualTo(3);
        assertThat(back.weight()).as("Region.bytes is derived on reading").isEqualTo(file().weight());
    }

    @Test
    void shouldReadTheTextJsonOfStoresWrittenBeforeSmile() {
        byte[] json = StateSerde.writingTextJson(SourceFile.class).serializer().serialize("", file());

        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{");
        assertThat(serde.deserializer().deserialize("", json).content()).isEqualTo(file().content());
    }

    @Test
    void shouldNameTheTypeOfADocumentItCannotRead() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("", new byte[] {':', ')', '\n', 9, 9, 9}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("SourceFile");
    }
}
