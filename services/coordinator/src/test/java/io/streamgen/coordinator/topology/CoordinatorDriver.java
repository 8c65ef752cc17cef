package io.streamgen.coordinator.topology;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.DeadLetter;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A TopologyTestDriver around the coordinator's topology, speaking the agents' side: requests,
 * chunks, statuses, bus messages and interventions in, tasks, events and checkpoints out.
 * Every record gets its own, increasing timestamp, so runs are deterministic.
 */
public final class CoordinatorDriver implements AutoCloseable {

    public static final String GENERATION = "gen-test";

    private final TopologyTestDriver driver;
    /** The generation the driver speaks for: {@link #GENERATION} unless {@link #use} chose another. */
    private String generation = GENERATION;
    private final AtomicLong clock = new AtomicLong(Instant.parse("2026-11-26T12:00:00Z").toEpochMilli());
    private final Map<Topic<?>, TestInputTopic<String, SpecificRecord>> inputs = new java.util.HashMap<>();
    private final TestInputTopic<String, byte[]> rawChunks;
    private final TestOutputTopic<String, GenerationEvent> events;
    private final TestOutputTopic<String, Checkpoint> checkpoints;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final Map<Role, TestOutputTopic<String, AgentTask>> tasks = new EnumMap<>(Role.class);
    private final List<GenerationEvent> seenEvents = new ArrayList<>();
    private final Map<String, Long> seqs = new java.util.HashMap<>();

    public CoordinatorDriver(Topology topology, Properties base, Path stateDir) {
        Properties props = new Properties();
        props.putAll(base);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "coordinator-test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(topology, props);
        for (Topic<?> topic : Topics.coPartitioned()) {
            inputs.put(topic, driver.createInputTopic(topic.name(), new StringSerializer(), new AvroSerializer<>()));
        }
        rawChunks = driver.createInputTopic(Topics.CHUNKS.name(), new StringSerializer(), new ByteArraySerializer());
        events = driver.createOutputTopic(Topics.EVENTS.name(), new StringDeserializer(),
                new AvroDeserializer<>(GenerationEvent.class));
        checkpoints = driver.createOutputTopic(Topics.CHECKPOINTS.name(), new StringDeserializer(),
                new AvroDeserializer<>(Checkpoint.class));
        deadLetters = driver.createOutputTopic(Topics.DLQ.name(), new StringDeserializer(),
                new AvroDeserializer<>(DeadLetter.class));
        for (Role role : Role.values()) {
            tasks.put(role, driver.createOutputTopic(Topics.tasks(role).name(), new StringDeserializer(),
                    new AvroDeserializer<>(AgentTask.class)));
        }
    }

    // ---- input

    /** From now on, records are sent for, and state and files read of, generation {@code id}. */
    public CoordinatorDriver use(String id) {
        this.generation = id;
        return this;
    }

    public static Flags.Builder flags() {
        return Flags.newBuilder().setParallel(false).setBufferSize(null).setPreview(false).setCheckpoint(false)
                .setOptimize(false).setTest(false).setVerbose(false);
    }

    public void request(Flags flags) {
        request(flags, MergeStrategy.PHASE_PRIORITY);
    }

    public void request(Flags flags, MergeStrategy strategy) {
        request(newRequest(flags).setMergeStrategy(strategy).build());
    }

    /** A request for the test generation, to add models, plans or the cache flag to. */
    public GenerationRequested.Builder newRequest(Flags flags) {
        return GenerationRequested.newBuilder().setGenerationId(generation).setPrompt("a todo app").setFlags(flags)
                .setRequestedBy("tester").setRequestedAt(now());
    }

    public void request(GenerationRequested request) {
        send(Topics.REQUESTS, request);
    }

    /** A status as {@link #status} sends it, to add what an agent reports beyond its state. */
    public AgentStatus.Builder newStatus(String taskId, int attempt, Role role, Phase phase, AgentState state) {
        return AgentStatus.newBuilder().setGenerationId(generation).setTaskId(taskId).setAttempt(attempt)
                .setRole(role).setPhase(phase).setState(state).setTokens(100).setTokensPerSecond(50.0)
                .setModel("template").setAt(now());
    }

    /** A chunk with the next seq of that task attempt. */
    public CodeChunk chunk(String taskId, Role role, Phase phase, String path, String region, ChunkOp op, String text) {
        return chunk(taskId, 1, role, phase, path, region, op, text);
    }

    public CodeChunk chunk(String taskId, int attempt, Role role, Phase phase, String path, String region, ChunkOp op,
            String text) {
        long seq = seqs.merge(generation + "/" + taskId + "#" + attempt, 1L, Long::sum) - 1;
        return chunkAt(taskId, attempt, seq, role, phase, path, region, op, text);
    }

    public CodeChunk chunkAt(String taskId, int attempt, long seq, Role role, Phase phase, String path, String region,
            ChunkOp op, String text) {
        return CodeChunk.newBuilder().setGenerationId(generation).setTaskId(taskId).setAttempt(attempt).setSeq(seq)
                .setRole(role).setPhase(phase).setPath(path).setRegion(region).setOp(op).setText(text)
                .setStatementComplete(true).setTokenCount(text.length() / 4 + 1).setModel("template")
                .setProducedAt(now()).build();
    }

    public void send(CodeChunk chunk) {
        send(Topics.CHUNKS, chunk);
    }

    /** Appends {@code text} to the region and ends the task, then reports DONE. */
    public void write(String taskId, Role role, Phase phase, String path, String region, String text) {
        send(chunk(taskId, role, phase, path, region, ChunkOp.APPEND, text));
        finish(taskId, role, phase);
    }

    public void finish(String taskId, Role role, Phase phase) {
        send(chunk(taskId, role, phase, "", null, ChunkOp.END, ""));
        status(taskId, 1, role, phase, AgentState.DONE, null);
    }

    public void status(String taskId, int attempt, Role role, Phase phase, AgentState state, String error) {
        send(Topics.STATUS, newStatus(taskId, attempt, role, phase, state).setError(error).build());
    }

    public void bus(Role from, MessageType type, String name, String... requires) {
        send(Topics.BUS, AgentMessage.newBuilder().setGenerationId(generation).setFrom(from).setType(type)
                .setName(name).setSignature(name + "()").setRequires(List.of(requires)).setAt(now()).build());
    }

    public void send(AgentStatus status) {
        send(Topics.STATUS, status);
    }

    /** A bus message from one task, as agents send them. */
    public void busFrom(String taskId, Role from, MessageType type, String name) {
        send(Topics.BUS, AgentMessage.newBuilder().setGenerationId(generation).setFrom(from).setTaskId(taskId)
                .setType(type).setName(name).setSignature(name + "()").setRequires(List.of()).setAt(now()).build());
    }

    public void intervene(InterventionAction action, Intervention.Builder details) {
        send(Topics.CONTROL, details.setInterventionId(UUID.randomUUID().toString()).setGenerationId(generation)
                .setAction(action).setRequestedBy("tester").setAt(now()).build());
    }

    public void intervene(InterventionAction action) {
        intervene(action, Intervention.newBuilder());
    }

    /** Lets wall-clock time pass in steps of 100 ms, as a running instance's punctuations would see it. */
    public void advance(java.time.Duration duration) {
        for (long left = duration.toMillis(); left > 0; left -= 100) {
            driver.advanceWallClockTime(java.time.Duration.ofMillis(Math.min(100, left)));
        }
    }

    /** A chunk of {@code attempt} with its next seq, for a re-issued task. */
    public void write(String taskId, int attempt, Role role, Phase phase, String path, String region, String text) {
        send(chunk(taskId, attempt, role, phase, path, region, ChunkOp.APPEND, text));
        send(chunk(taskId, attempt, role, phase, "", null, ChunkOp.END, ""));
        status(taskId, attempt, role, phase, AgentState.DONE, null);
    }

    public void rawChunk(byte[] bytes) {
        rawChunks.pipeInput(generation, bytes, now());
    }

    public void rawChunk(byte[] bytes, org.apache.kafka.common.header.Headers headers) {
        rawChunks.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(generation, bytes, headers, now()));
    }

    /** A record with headers (e.g. a trace context) on its topic. */
    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> void send(Topic<V> topic, V value, org.apache.kafka.common.header.Headers headers) {
        inputs.get(topic).pipeInput(new org.apache.kafka.streams.test.TestRecord<>(generation, value, headers, now()));
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> void send(Topic<V> topic, V value) {
        inputs.get(topic).pipeInput(generation, value, now());
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.addAndGet(10));
    }

    // ---- output

    /** Every event so far (reads the new ones from the topic). */
    public List<GenerationEvent> events() {
        events.readValuesToList().forEach(seenEvents::add);
        return seenEvents;
    }

    public <T> List<T> events(Class<T> payload) {
        return events().stream().map(GenerationEvent::getPayload).filter(payload::isInstance).map(payload::cast)
                .toList();
    }

    /** The new events with their headers (not seen by {@link #events()} afterwards). */
    public List<org.apache.kafka.streams.test.TestRecord<String, GenerationEvent>> eventRecords() {
        return events.readRecordsToList();
    }

    public List<org.apache.kafka.streams.test.TestRecord<String, AgentTask>> taskRecords(Role role) {
        return tasks.get(role).readRecordsToList();
    }

    public List<org.apache.kafka.streams.test.TestRecord<String, DeadLetter>> deadLetterRecords() {
        return deadLetters.readRecordsToList();
    }

    public List<AgentTask> tasks(Role role) {
        return tasks.get(role).readValuesToList();
    }

    public List<String> taskIds(Role role) {
        return tasks(role).stream().map(AgentTask::getTaskId).toList();
    }

    public List<Checkpoint> checkpoints() {
        return checkpoints.readValuesToList();
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    public GenerationState state() {
        KeyValueStore<String, GenerationState> store = driver.getKeyValueStore(StoreNames.GENERATIONS);
        return store.get(generation);
    }

    /** The generation's files, gathered from their keys in the files store. */
    public FileSet files() {
        KeyValueStore<String, SourceFile> store = driver.getKeyValueStore(StoreNames.FILES);
        FileSet files = new FileSet();
        try (var all = store.prefixScan(generation + "/", new StringSerializer())) {
            all.forEachRemaining(entry -> files.files.put(entry.value.path, entry.value));
        }
        return files;
    }

    /** Every value of every store, serialised as the store does, by store name and key. */
    public Map<String, Map<String, Integer>> storedSizes() {
        Map<String, Map<String, Integer>> sizes = new java.util.TreeMap<>();
        for (String name : driver.getAllStateStores().keySet()) {
            KeyValueStore<String, Object> store = driver.getKeyValueStore(name);
            if (store == null) {
                continue;
            }
            Map<String, Integer> values = new java.util.TreeMap<>();
            try (var all = store.all()) {
                all.forEachRemaining(entry -> values.put(entry.key, serialised(entry.value)));
            }
            sizes.put(name, values);
        }
        return sizes;
    }

    private static int serialised(Object value) {
        if (value instanceof SpecificRecord record) {
            return new AvroSerializer<>().serialize("", record).length;
        }
        if (value instanceof Long) {
            return Long.BYTES;
        }
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) value.getClass();
        return new StateSerde<>(type).serializer().serialize("", value).length;
    }

    public String content(String path) {
        return files().file(path).content();
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
