package io.streamgen.bench;

import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.serde.AvroSerializer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The single-object-encoding serdes every record goes through, per record: a {@code CodeChunk} as an
 * agent writes one (a statement of the template app), and the two {@code GenerationEvent}s the
 * coordinator makes of it ({@code DraftChunk}, and {@code FileChanged} with a one-region diff).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AvroSerdeBenchmark {

    private static final String TEXT = "export function listRecipes(state, filter = {}) {\n"
            + "  return state.recipes.filter((r) => !filter.tag || r.tags.includes(filter.tag));\n}\n";
    private static final Instant AT = Instant.parse("2026-12-01T12:00:00.123Z");

    @Param({"CodeChunk", "DraftChunk", "FileChanged"})
    public String record;

    private SpecificRecord value;
    private byte[] bytes;
    private AvroSerializer<SpecificRecord> serializer;
    private AvroDeserializer<? extends SpecificRecord> deserializer;

    @Setup
    public void setUp() {
        serializer = new AvroSerializer<>();
        switch (record) {
            case "CodeChunk" -> {
                value = CodeChunk.newBuilder().setGenerationId("bench-generation-0001").setTaskId("features-logic")
                        .setAttempt(1).setSeq(42).setRole(Role.LOGIC).setPhase(Phase.FEATURES).setPath("src/logic.js")
                        .setRegion("recipes").setOp(ChunkOp.APPEND).setText(TEXT).setStatementComplete(true)
                        .setTokenCount(38).setModel("template").setProducedAt(AT).build();
                deserializer = new AvroDeserializer<>(CodeChunk.class);
            }
            case "DraftChunk" -> {
                value = event(DraftChunk.newBuilder().setTaskId("features-logic").setRole(Role.LOGIC)
                        .setPhase(Phase.FEATURES).setPath("src/logic.js").setRegion("recipes").setSeq(42).setText(TEXT)
                        .setTokenCount(38).setProducedAt(AT).build());
                deserializer = new AvroDeserializer<>(GenerationEvent.class);
            }
            case "FileChanged" -> {
                value = event(FileChanged.newBuilder().setPath("src/logic.js").setVersion(17).setOp(FileOp.MODIFIED)
                        .setDiff("--- a/src/logic.js\n+++ b/src/logic.js\n@@ -40,0 +41,3 @@\n+" + TEXT.replace("\n", "\n+"))
                        .setContent(null).setAuthors(List.of(Role.LOGIC)).setSha256("ab".repeat(32)).build());
                deserializer = new AvroDeserializer<>(GenerationEvent.class);
            }
            default -> throw new IllegalArgumentException(record);
        }
        bytes = serializer.serialize("t", value);
    }

    private static GenerationEvent event(Object payload) {
        return GenerationEvent.newBuilder().setGenerationId("bench-generation-0001").setAt(AT).setProgress(0.5)
                .setPayload(payload).build();
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize("t", value);
    }

    @Benchmark
    public Object deserialize() {
        return deserializer.deserialize("t", bytes);
    }
}
