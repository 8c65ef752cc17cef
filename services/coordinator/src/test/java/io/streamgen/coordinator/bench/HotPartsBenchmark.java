package io.streamgen.coordinator.bench;

import io.streamgen.coordinator.engine.Coordinator;
import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.engine.GenerationContext;
import io.streamgen.coordinator.engine.Outbox;
import io.streamgen.coordinator.engine.ThreeWayMerge;
import io.streamgen.coordinator.engine.UnifiedDiff;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.topology.StateSerde;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The coordinator's hot pieces, one operation each: a state document written and read in the
 * stores' format against text JSON (the format before), a region's three-way merge (JGit) and a
 * file's unified diff (java-diff-utils) for one statement appended to a 150-line file. Run with
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)"
 * org.openjdk.jmh.Main HotParts} (services/coordinator/README.md).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HotPartsBenchmark {

    /** A generation's state after its first phase was planned, and a 150-line file of three regions. */
    @State(Scope.Thread)
    public static class Documents {
        @Param({"SMILE", "JSON"})
        public String format;

        Serde<GenerationState> states;
        Serde<SourceFile> files;
        GenerationState state;
        SourceFile file;
        byte[] stateBytes;
        byte[] fileBytes;

        @Setup
        public void setUp() {
            boolean smile = format.equals("SMILE");
            states = smile ? new StateSerde<>(GenerationState.class) : StateSerde.writingTextJson(GenerationState.class);
            files = smile ? new StateSerde<>(SourceFile.class) : StateSerde.writingTextJson(SourceFile.class);
            GenerationRequested request = EngineBench.request("bench-hot");
            state = Coordinator.newState(request);
            GenerationContext ctx = new GenerationContext(state, request, MemoryStores.create().engine, new Outbox(), 0);
            new Coordinator(EngineSettings.defaults()).onRequest(ctx); // the first phase's tasks, as it runs
            ctx.finish();
            file = sampleFile();
            stateBytes = states.serializer().serialize("", state);
            fileBytes = files.serializer().serialize("", file);
        }
    }

    /** The file's text, two edits of it far apart (merged without conflict) and a statement appended. */
    @State(Scope.Thread)
    public static class Texts {
        String base;
        String ours;
        String theirs;
        String after;

        @Setup
        public void setUp() {
            base = sampleFile().content();
            ours = base.replace("item3 =", "recipe3 =");
            theirs = base.replace("item45 =", "recipe45 =");
            after = base + "  export default listRecipes;\n";
        }
    }

    static SourceFile sampleFile() {
        SourceFile file = new SourceFile("src/recipes.js");
        for (Role role : new Role[] {Role.UI, Role.LOGIC, Role.API}) {
            Region region = new Region(role.name().toLowerCase(), role, Phase.FEATURES);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                text.append("  const item").append(i).append(" = await fetchRecipe(").append(i)
                        .append("); // \"").append(role).append("\" statement ").append(i).append('\n');
            }
            region.setText(text.toString());
            file.regions.add(region);
        }
        return file;
    }

    @Benchmark
    public byte[] writeState(Documents d) {
        return d.states.serializer().serialize("", d.state);
    }

    @Benchmark
    public GenerationState readState(Documents d) {
        return d.states.deserializer().deserialize("", d.stateBytes);
    }

    @Benchmark
    public byte[] writeFile(Documents d) {
        return d.files.serializer().serialize("", d.file);
    }

    @Benchmark
    public SourceFile readFile(Documents d) {
        return d.files.deserializer().deserialize("", d.fileBytes);
    }

    @Benchmark
    public ThreeWayMerge.Outcome threeWayMerge(Texts t) {
        return ThreeWayMerge.merge(t.base, t.ours, t.theirs, "UI", "LOGIC");
    }

    @Benchmark
    public String unifiedDiff(Texts t) {
        return UnifiedDiff.between("src/recipes.js", t.base, t.after);
    }
}
