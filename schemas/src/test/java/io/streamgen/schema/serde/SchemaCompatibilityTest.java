package io.streamgen.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The build-time guard of the record contract. A schema change passes when the new version reads
 * every shipped version; it is then shipped by running
 * {@code ./mvnw -pl schemas test -Dstreamgen.schemas.ship=true}, which adds {@code v<N+1>.avsc}.
 */
class SchemaCompatibilityTest {

    private static final Path HISTORY = Path.of("src/main/resources").resolve(ShippedSchemaStore.HISTORY);

    private final ShippedSchemaStore store = ShippedSchemaStore.shipped();

    @Test
    void shouldReadEveryShippedVersionWithTheCurrentSchema() {
        List<String> problems = new ArrayList<>();
        for (Class<? extends SpecificRecord> type : Topics.valueTypes()) {
            problems.addAll(SchemaEvolution.incompatibilities(schemaOf(type), store.versions(type.getName())));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldHaveShippedTheCurrentVersionOfEverySchema() throws Exception {
        List<String> unshipped = new ArrayList<>();
        for (Class<? extends SpecificRecord> type : Topics.valueTypes()) {
            Schema current = schemaOf(type);
            List<Schema> versions = store.versions(type.getName());
            Schema latest = versions.get(versions.size() - 1);
            if (ShippedSchemaStore.fingerprint(current) != ShippedSchemaStore.fingerprint(latest)) {
                if (Boolean.getBoolean("streamgen.schemas.ship")
                        && SchemaEvolution.incompatibilities(current, versions).isEmpty()) {
                    Path next = HISTORY.resolve(type.getSimpleName()).resolve("v" + (versions.size() + 1) + ".avsc");
                    Files.writeString(next, current.toString(true) + "\n");
                } else {
                    unshipped.add(type.getSimpleName() + " differs from its shipped v" + versions.size()
                            + ": ship it with ./mvnw -pl schemas test -Dstreamgen.schemas.ship=true");
                }
            }
        }
        assertThat(unshipped).isEmpty();
    }

    @Test
    void shouldRejectAChangeThatCannotReadTheShippedVersion() {
        Schema current = GenerationRequested.getClassSchema();
        // A new required field without a default: records written by every shipped version lack it.
        Schema broken = evolve(current, "tenant", Schema.create(Schema.Type.STRING));
        // And a type change that Avro's resolution cannot promote.
        Schema retyped = evolve(current, "prompt", Schema.create(Schema.Type.INT));

        List<Schema> shipped = store.versions(GenerationRequested.class.getName());

        assertThat(SchemaEvolution.incompatibilities(broken, shipped))
                .hasSize(shipped.size())
                .allSatisfy(problem -> assertThat(problem).contains("READER_FIELD_MISSING_DEFAULT").contains("tenant"));
        assertThat(SchemaEvolution.incompatibilities(retyped, shipped))
                .allSatisfy(problem -> assertThat(problem).contains("TYPE_MISMATCH").contains("prompt"));
    }

    @Test
    void shouldDecodeARecordWrittenWithTheOlderShippedVersion() throws Exception {
        Schema v1 = store.versions(GenerationRequested.class.getName()).get(0);
        assertThat(v1.getField("mergeStrategy")).as("v1 predates mergeStrategy").isNull();
        GenericRecord old = asV1(SampleRecords.generationRequested(), v1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, bytes);

        GenerationRequested read = new GenerationRequestedDeserializer().deserialize("streamgen.requests",
                bytes.toByteArray());

        assertThat(read.getPrompt()).isEqualTo("a todo app with tags");
        assertThat(read.getFlags()).isEqualTo(SampleRecords.flags());
        assertThat(read.getBlueprint()).isEqualTo(SampleRecords.blueprint());
        assertThat(read.getMergeStrategy()).as("the reader's default").isEqualTo(MergeStrategy.PHASE_PRIORITY);
    }

    @Test
    void shouldDecodeADraftChunkWrittenBeforeItCarriedItsTokensAndTime() throws Exception {
        List<Schema> shipped = store.versions(GenerationEvent.class.getName());
        Schema v3 = shipped.get(2);
        Schema draftV3 = v3.getField("payload").schema().getTypes().stream()
                .filter(t -> t.getName().equals("DraftChunk")).findFirst().orElseThrow();
        assertThat(draftV3.getField("producedAt")).as("v3 predates DraftChunk.producedAt").isNull();
        GenerationEvent current = SampleRecords.event(SampleRecords.eventPayloads().stream()
                .filter(DraftChunk.class::isInstance).findFirst().orElseThrow());
        GenericRecord old = asVersion(current, GenerationEvent.getClassSchema(), v3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v3).encode(old, bytes);

        GenerationEvent read = new GenerationEventDeserializer().deserialize("streamgen.events", bytes.toByteArray());

        DraftChunk draft = (DraftChunk) read.getPayload();
        assertThat(draft.getText()).isEqualTo("app.get('/');\n");
        assertThat(draft.getTokenCount()).as("the reader's default").isZero();
        assertThat(draft.getProducedAt()).as("the reader's default").isEqualTo(Instant.EPOCH);
    }

    @Test
    void shouldProveTheBuilderCheckFindsAMissingEnumSymbol() {
        Schema writer = SchemaBuilder.enumeration("io.streamgen.schema.Role").symbols("UI", "LOGIC", "DESIGN");
        Schema reader = SchemaBuilder.enumeration("io.streamgen.schema.Role").symbols("UI", "LOGIC");

        assertThat(SchemaEvolution.incompatibilities(reader, List.of(writer)))
                .singleElement().asString().contains("MISSING_ENUM_SYMBOLS");
    }

    /** {@code schema} with field {@code name} added or retyped, with no default. */
    private static Schema evolve(Schema schema, String name, Schema type) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(field.name().equals(name) ? new Schema.Field(name, type)
                    : new Schema.Field(field, field.schema()));
        }
        if (schema.getField(name) == null) {
            fields.add(new Schema.Field(name, type));
        }
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return org.apache.avro.specific.SpecificData.get().getSchema(type);
    }

    /** The sample converted to a generic record of the v1 schema, as a v1 writer would have built it. */
    private static GenericRecord asV1(GenerationRequested current, Schema v1) throws Exception {
        return asVersion(current, current.getSchema(), v1);
    }

    /** {@code current} converted to a generic record of an older schema, as that version's writer would have built it. */
    private static <T extends SpecificRecord> GenericRecord asVersion(T current, Schema currentSchema, Schema older)
            throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        var writer = new org.apache.avro.specific.SpecificDatumWriter<T>(currentSchema);
        var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(json, null);
        writer.write(current, encoder);
        encoder.flush();
        var reader = new org.apache.avro.generic.GenericDatumReader<GenericRecord>(currentSchema, older);
        return reader.read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(json.toByteArray(), null));
    }
}
