package io.streamgen.schema;

import io.streamgen.schema.event.BusMessage;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.ConflictResolved;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.InterventionApplied;
import io.streamgen.schema.event.MetricsSnapshot;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.event.ResolutionOutcome;
import io.streamgen.schema.event.ResolutionStrategy;
import io.streamgen.schema.event.RolledBack;
import io.streamgen.schema.event.TaskStateChanged;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated instance of every record, shared by the tests of every module. */
public final class SampleRecords {

    public static final String GENERATION_ID = "gen-0001";
    public static final Instant AT = Instant.parse("2026-11-26T12:00:00.123Z");

    static {
        io.streamgen.schema.serde.AvroTrust.install();
    }

    private SampleRecords() {
    }

    public static Flags flags() {
        return Flags.newBuilder().setParallel(true).setBufferSize(32).setPreview(true).setCheckpoint(true)
                .setOptimize(true).setTest(true).setVerbose(true).build();
    }

    public static Blueprint blueprint() {
        EntityField title = EntityField.newBuilder().setName("title").setType("string").setRequired(true).build();
        EntityField done = EntityField.newBuilder().setName("done").setType("boolean").setRequired(false).build();
        return Blueprint.newBuilder().setAppName("todo")
                .setEntities(List.of(Entity.newBuilder().setName("Todo").setFields(List.of(title, done)).build()))
                .build();
    }

    public static GenerationRequested generationRequested() {
        return GenerationRequested.newBuilder().setGenerationId(GENERATION_ID).setPrompt("a todo app with tags")
                .setTargetStack("javascript-node").setBlueprint(blueprint()).setFlags(flags())
                .setModels(Map.of("UI", "template:default")).setRequestedBy("alice").setRequestedAt(AT)
                .setMergeStrategy(MergeStrategy.THREE_WAY).build();
    }

    public static AgentTask agentTask() {
        return AgentTask.newBuilder().setGenerationId(GENERATION_ID).setTaskId("t-ui-features").setAttempt(2)
                .setPhase(Phase.FEATURES).setRole(Role.UI).setInstructions("write the list component")
                .setPrompt("a todo app").setBlueprint(blueprint())
                .setContext(List.of(ContextEntry.newBuilder().setKind(ContextKind.SIGNATURE)
                        .setName("logic:addTodo").setText("addTodo(state, title) -> state").build()))
                .setDependsOn(List.of("api:fetchTodos")).setBufferSize(null).setModel("openai:gpt-4o-mini")
                .setCreatedAt(AT).build();
    }

    public static CodeChunk codeChunk() {
        return CodeChunk.newBuilder().setGenerationId(GENERATION_ID).setTaskId("t-ui-features").setAttempt(2)
                .setSeq(7).setRole(Role.UI).setPhase(Phase.FEATURES).setPath("public/app.js").setRegion("TodoList")
                .setOp(ChunkOp.APPEND).setText("export function TodoList(todos) {\n  return `<ul>${todos}</ul>`;\n}\n")
                .setStatementComplete(true).setTokenCount(21).setModel("template").setProducedAt(AT).build();
    }

    public static AgentStatus agentStatus() {
        return AgentStatus.newBuilder().setGenerationId(GENERATION_ID).setTaskId("t-ui-features").setAttempt(2)
                .setRole(Role.UI).setPhase(Phase.FEATURES).setState(AgentState.FAILED).setTokens(1234)
                .setTokensPerSecond(148.5).setModel("template").setError("model timed out").setAt(AT).build();
    }

    public static AgentMessage agentMessage() {
        return AgentMessage.newBuilder().setGenerationId(GENERATION_ID).setFrom(Role.UI).setTaskId("t-ui-features")
                .setType(MessageType.COMPONENT_CREATED).setName("ui:TodoList").setSignature("TodoList(todos)")
                .setRequires(List.of("api:fetchTodos", "logic:toggleTodo")).setAt(AT).build();
    }

    public static Intervention intervention() {
        return Intervention.newBuilder().setInterventionId("iv-1").setGenerationId(GENERATION_ID)
                .setAction(InterventionAction.EDIT).setRole(Role.LOGIC).setText("export const x = 1;\n")
                .setPath("src/state.js").setRegion("x").setCheckpointId(2).setRequestedBy("bob").setAt(AT).build();
    }

    public static Checkpoint checkpoint() {
        RegionSnapshot region = RegionSnapshot.newBuilder().setName("TodoList").setOwner(Role.UI).setVersion(3)
                .setText("export function TodoList() {}\n").build();
        CheckpointFile file = CheckpointFile.newBuilder().setContent("export function TodoList() {}\n").setVersion(3)
                .setSha256("ab".repeat(32)).setRegions(List.of(region)).build();
        return Checkpoint.newBuilder().setGenerationId(GENERATION_ID).setCheckpointId(2).setPhase(Phase.FEATURES)
                .setLabel("after FEATURES").setFiles(Map.of("public/app.js", file)).setCreatedAt(AT).build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setSourceTopic("streamgen.chunks").setPartition(3).setOffset(42)
                .setKey(ByteBuffer.wrap(GENERATION_ID.getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3})).setErrorClass("UndecodableRecordException")
                .setErrorMessage("bad header").setService("coordinator").setAt(AT).build();
    }

    /** One payload of every kind a {@link GenerationEvent} can carry. */
    public static List<Object> eventPayloads() {
        return List.of(
                GenerationStarted.newBuilder().setPrompt("a todo app").setTargetStack("javascript-node")
                        .setFlags(flags()).setMergeStrategy(MergeStrategy.OWNER_WINS)
                        .setPhases(List.of(Phase.SKELETON, Phase.FEATURES, Phase.OPTIMIZE, Phase.TEST))
                        .setRequestedBy("alice").setRequestedAt(AT).build(),
                PhaseChanged.newBuilder().setPhase(Phase.OPTIMIZE).setState(PhaseState.SKIPPED)
                        .setMessage("optimisation agent failed").build(),
                TaskStateChanged.newBuilder().setTaskId("t-api").setRole(Role.API).setPhase(Phase.FEATURES)
                        .setAttempt(1).setState(AgentState.STREAMING).setTokens(300).setTokensPerSecond(150.0)
                        .setModel("template").setError(null).build(),
                DraftChunk.newBuilder().setTaskId("t-api").setRole(Role.API).setPhase(Phase.FEATURES)
                        .setPath("server.js").setRegion("routes").setSeq(3).setText("app.get('/');\n").setTokenCount(6)
                        .setProducedAt(AT).build(),
                FileChanged.newBuilder().setPath("server.js").setVersion(4).setOp(FileOp.MODIFIED)
                        .setDiff("--- a/server.js\n+++ b/server.js\n@@ -1 +1 @@\n-a\n+b\n").setContent("b\n")
                        .setAuthors(List.of(Role.API, Role.OPTIMIZATION)).setSha256("cd".repeat(32)).build(),
                ConflictResolved.newBuilder().setPath("src/state.js").setRegion("reducer")
                        .setRoles(List.of(Role.LOGIC, Role.OPTIMIZATION)).setStrategy(ResolutionStrategy.THREE_WAY)
                        .setOutcome(ResolutionOutcome.CONFLICT_MARKERS).setWinner(null).setMessage("1 hunk").build(),
                CheckpointTaken.newBuilder().setCheckpointId(3).setPhase(Phase.OPTIMIZE).setLabel("after OPTIMIZE")
                        .setFiles(List.of("server.js", "src/state.js")).build(),
                RolledBack.newBuilder().setCheckpointId(1).setPhase(Phase.SKELETON).setRerunFrom(Phase.FEATURES)
                        .setSteering("use tags").build(),
                InterventionApplied.newBuilder().setInterventionId("iv-1").setAction(InterventionAction.STEER)
                        .setRole(Role.UI).setText("dark mode").setRequestedBy("bob").setAccepted(true)
                        .setDetail("restarted 1 task").build(),
                BusMessage.newBuilder().setLabel("ui:component-created").setFrom(Role.UI)
                        .setType(MessageType.COMPONENT_CREATED).setName("ui:TodoList").setSignature("TodoList(todos)")
                        .setRequires(List.of("api:fetchTodos")).build(),
                MetricsSnapshot.newBuilder().setTokensByRole(Map.of("UI", 100L, "API", 80L))
                        .setTokensPerSecondByRole(Map.of("UI", 150.0)).setChunks(55).setChunkLatencyP50Millis(4.5)
                        .setChunkLatencyP99Millis(21.0).build(),
                GenerationCompleted.newBuilder().setFiles(List.of("server.js")).setTokensByRole(Map.of("UI", 100L))
                        .setPhaseMillis(Map.of("SKELETON", 1200L)).setConflicts(2).setDurationMillis(9000)
                        .setLastCheckpointId(4).build(),
                GenerationFailed.newBuilder().setReason("cancelled by bob").setCancelled(true)
                        .setPhase(Phase.FEATURES).build(),
                io.streamgen.schema.event.ChunkRejected.newBuilder().setTaskId("features-ui").setRole(Role.UI)
                        .setPhase(Phase.FEATURES).setAttempt(1).setSeq(7).setPath("\"../etc/passwd\"")
                        .setReason("a '..' segment").build(),
                io.streamgen.schema.event.ModelChanged.newBuilder().setRole(Role.API).setTaskId("features-api")
                        .setChange(modelSwitch()).build(),
                io.streamgen.schema.event.ContextTrimmed.newBuilder().setTaskId("features-ui").setRole(Role.UI)
                        .setReport(contextReport()).build(),
                io.streamgen.schema.event.AnswerCached.newBuilder().setTaskId("skeleton-ui").setRole(Role.UI)
                        .setModel("openai:gpt-4o-mini").setProvenance(provenance()).build(),
                io.streamgen.schema.event.GenerationAnalytics.newBuilder()
                        .setUsage(List.of(io.streamgen.schema.event.ModelUsage.newBuilder().setRole(Role.UI)
                                .setModel("openai:gpt-4o-mini").setTokens(900).setChunks(40).setPromptTokens(1200)
                                .setEstimatedCost(0.0012).build()))
                        .setPhaseMillis(Map.of("SKELETON", 800L)).setTimeToFirstTokenMillis(120).setTotalMillis(4000)
                        .setConflicts(1).setCacheHits(2).setRetries(1).setModelChanges(1).setPromptTokensSaved(3000)
                        .setEstimatedCost(0.0012).build());
    }

    public static ModelSwitch modelSwitch() {
        return ModelSwitch.newBuilder().setFromModel("openai:slow").setToModel("openai:fast")
                .setCause(SwitchCause.FAILOVER).setReason("the stream stalled: no token for 30 s").build();
    }

    public static ContextReport contextReport() {
        return ContextReport.newBuilder().setModel("openai:gpt-4o").setTokenizer("o200k_base").setBudgetTokens(6000)
                .setUsedTokens(5800).setWholeTokens(14000).setSummarised(List.of("file src/logic.js"))
                .setDropped(List.of("component ui:Footer")).build();
    }

    public static CacheProvenance provenance() {
        return CacheProvenance.newBuilder().setKey("ab".repeat(32)).setSourceGenerationId("gen-0000")
                .setSourceTaskId("skeleton-ui").setChunksPartition(2).setFirstOffset(100).setLastOffset(140)
                .setTokens(900).setOriginalMillis(6000).build();
    }

    public static CachedAnswer cachedAnswer() {
        return CachedAnswer.newBuilder().setModel("openai:gpt-4o-mini").setRole(Role.UI)
                .setAnswer("// @file public/index.html\n<!doctype html>\n").setProvenance(provenance())
                .setCreatedAt(AT).build();
    }

    public static GenerationEvent event(Object payload) {
        return GenerationEvent.newBuilder().setGenerationId(GENERATION_ID).setAt(AT).setProgress(0.5)
                .setPayload(payload).build();
    }

    /** Every top-level record type once, and a {@link GenerationEvent} for every payload. */
    public static List<SpecificRecord> all() {
        List<SpecificRecord> records = new java.util.ArrayList<>(List.of(generationRequested(), agentTask(),
                codeChunk(), agentStatus(), agentMessage(), intervention(), checkpoint(), deadLetter(), cachedAnswer()));
        eventPayloads().forEach(p -> records.add(event(p)));
        return List.copyOf(records);
    }
}
