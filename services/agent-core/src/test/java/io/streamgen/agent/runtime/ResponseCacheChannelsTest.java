package io.streamgen.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CacheProvenance;
import io.streamgen.schema.CachedAnswer;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.serde.AvroSerializer;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The response cache on the agent's channels (in-memory connector), with the template model at 300 tokens/s. */
@QuarkusTest
@TestProfile(ResponseCacheChannelsTest.CacheOn.class)
class ResponseCacheChannelsTest {

    public static final class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamgen.cache.enabled", "true");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AgentRuntime runtime;

    private InMemorySource<byte[]> tasks;
    private InMemorySource<byte[]> cacheIn;
    private InMemorySink<CodeChunk> chunks;
    private InMemorySink<AgentStatus> statuses;
    private InMemorySink<CachedAnswer> cacheOut;

    @BeforeEach
    void channels() {
        tasks = connector.source("tasks");
        cacheIn = connector.source("cache-in");
        chunks = connector.sink("chunks");
        statuses = connector.sink("status");
        cacheOut = connector.sink("cache-out");
    }

    private static byte[] bytes(org.apache.avro.specific.SpecificRecord record) {
        return new AvroSerializer<>().serialize("t", record);
    }

    private static AgentTask task(String generationId, String instructions) {
        return task(generationId, instructions, true);
    }

    // built field by field: an Avro copy (newBuilder(other)) resolves enum classes through Avro's own loader
    private static AgentTask task(String generationId, String instructions, boolean cache) {
        return AgentTask.newBuilder().setGenerationId(generationId).setTaskId("features-logic").setPhase(Phase.FEATURES)
                .setRole(Role.LOGIC).setInstructions(instructions).setPrompt("a todo app").setCache(cache)
                .setBlueprint(SampleRecords.blueprint()).setCreatedAt(Instant.now()).build();
    }

    private List<CodeChunk> chunksOf(String generationId) {
        return chunks.received().stream().map(Message::getPayload).filter(c -> c.getGenerationId().equals(generationId)).toList();
    }

    private List<AgentStatus> statusesOf(String generationId) {
        return statuses.received().stream().map(Message::getPayload).filter(s -> s.getGenerationId().equals(generationId)).toList();
    }

    private boolean done(String generationId) {
        return statusesOf(generationId).stream().anyMatch(s -> s.getState() == AgentState.DONE);
    }

    /** The text written per file region (chunk boundaries follow the pace, so they may differ). */
    private Map<String, String> written(String generationId) {
        return chunksOf(generationId).stream().filter(c -> c.getOp() != ChunkOp.END)
                .collect(Collectors.groupingBy(c -> c.getPath() + "#" + c.getRegion(), java.util.TreeMap::new,
                        Collectors.mapping(CodeChunk::getText, Collectors.joining())));
    }

    @Test
    void shouldAnswerARepeatedPromptFromTheCacheAndSayWhereItCameFrom() {
        String instructions = "write the rules " + UUID.randomUUID();
        String first = "g-" + UUID.randomUUID();
        long start = System.nanoTime();
        tasks.send(bytes(task(first, instructions)));
        await().atMost(WAIT).until(() -> done(first));
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        await().atMost(WAIT).until(() -> cacheOut.received().stream()
                .anyMatch(m -> m.getPayload().getProvenance().getSourceGenerationId().equals(first)));
        CachedAnswer shared = cacheOut.received().stream().map(Message::getPayload)
                .filter(a -> a.getProvenance().getSourceGenerationId().equals(first)).findFirst().orElseThrow();
        assertThat(shared.getModel()).isEqualTo("template");
        assertThat(shared.getProvenance().getKey()).isEqualTo(runtime.cacheKeyOf(task(first, instructions)));
        assertThat(shared.getProvenance().getTokens()).isPositive();
        assertThat(statusesOf(first)).allSatisfy(s -> assertThat(s.getCachedFrom()).isNull());

        String second = "g-" + UUID.randomUUID();
        start = System.nanoTime();
        tasks.send(bytes(task(second, instructions)));
        await().atMost(WAIT).until(() -> done(second));
        long secondMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(written(second)).as("the same chunks, through the same buffer").isEqualTo(written(first));
        assertThat(statusesOf(second)).filteredOn(s -> s.getState() == AgentState.STARTED || s.getState() == AgentState.DONE)
                .allSatisfy(s -> assertThat(s.getCachedFrom()).extracting(CacheProvenance::getSourceGenerationId)
                        .isEqualTo(first));
        assertThat(secondMillis).as("no model at 300 tokens/s: %d ms against %d ms", secondMillis, firstMillis)
                .isLessThan(firstMillis);
        System.out.printf("cache: first %d ms, answered from the cache %d ms%n", firstMillis, secondMillis);
        assertThat(cacheOut.received()).as("a served answer is not written again").noneMatch(m ->
                m.getPayload().getProvenance().getSourceGenerationId().equals(second));
    }

    @Test
    void shouldCallTheModelWhenTheRequestOptsOut() {
        String instructions = "write the rules " + UUID.randomUUID();
        String first = "g-" + UUID.randomUUID();
        tasks.send(bytes(task(first, instructions)));
        await().atMost(WAIT).until(() -> done(first));

        String optedOut = "g-" + UUID.randomUUID();
        tasks.send(bytes(task(optedOut, instructions, false)));
        await().atMost(WAIT).until(() -> done(optedOut));

        assertThat(statusesOf(optedOut)).allSatisfy(s -> assertThat(s.getCachedFrom()).isNull());
        assertThat(cacheOut.received()).noneMatch(m -> m.getPayload().getProvenance().getSourceGenerationId().equals(optedOut));
    }

    @Test
    void shouldServeAnAnswerAnotherInstanceSharedOnTheTopic() {
        String instructions = "write the rules " + UUID.randomUUID();
        String generation = "g-" + UUID.randomUUID();
        AgentTask task = task(generation, instructions);
        String answer = "// @file src/logic.js\n// @region shared\nexport const sharedByAnotherInstance = () => 42;\n// @endregion\n";
        cacheIn.send(bytes(CachedAnswer.newBuilder().setModel("template").setRole(Role.LOGIC).setAnswer(answer)
                .setProvenance(CacheProvenance.newBuilder().setKey(runtime.cacheKeyOf(task)).setSourceGenerationId("g-elsewhere")
                        .setSourceTaskId("features-logic").setChunksPartition(3).setFirstOffset(10).setLastOffset(14).build())
                .setCreatedAt(Instant.now()).build()));
        cacheIn.send((byte[]) new byte[] {0, 1, 2}); // poison on the cache topic: a dead letter, the channel lives on

        tasks.send(bytes(task));
        await().atMost(WAIT).until(() -> done(generation));

        assertThat(written(generation)).containsEntry("src/logic.js#shared", "export const sharedByAnotherInstance = () => 42;\n");
        assertThat(statusesOf(generation)).filteredOn(s -> s.getState() == AgentState.STARTED).first()
                .satisfies(s -> assertThat(s.getCachedFrom().getChunksPartition()).isEqualTo(3));
    }
}
