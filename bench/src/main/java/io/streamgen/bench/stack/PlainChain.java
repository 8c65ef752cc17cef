package io.streamgen.bench.stack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling streamgen is measured against: a plain producer → consumer/producer → consumer chain
 * over the same broker, on topics of its own (as many partitions as streamgen's, created for each
 * run and deleted after it), carrying as many records and bytes as streamgen's two hops did: the
 * agents' records (chunks, status, bus) and the coordinator's events. No state, no transactions, no
 * parsing: only Kafka and the clients. The relay turns the inputs into as many outputs as streamgen's
 * events were (spread evenly); the first output of each input carries the input's send time, for latency.
 */
final class PlainChain implements AutoCloseable {

    /** What a run carries: {@code inputs} of {@code inputBytes} each, turned into {@code outputs} of {@code outputBytes}. */
    record Load(long inputs, int inputBytes, long outputs, int outputBytes, int keys) {

        /** The same shape (bytes, outputs per input) for another number of inputs. */
        Load scaledTo(long newInputs) {
            return new Load(newInputs, inputBytes, Math.round((double) outputs * newInputs / Math.max(1, inputs)),
                    outputBytes, keys);
        }

        /** Outputs the relay makes for its {@code c}-th input (0-based): exactly {@code outputs} over all inputs. */
        int outputsOf(long c) {
            return (int) (Math.floorDiv((c + 1) * outputs, inputs) - Math.floorDiv(c * outputs, inputs));
        }
    }

    /**
     * @param seconds     from the first send to the last output received
     * @param latency     first-output latencies (µs); for a paced run
     */
    record Result(long inputs, long outputs, long outputBytes, double seconds, Histogram latency) {

        double outputsPerSecond() {
            return seconds <= 0 ? 0 : outputs / seconds;
        }

        double inputsPerSecond() {
            return seconds <= 0 ? 0 : inputs / seconds;
        }
    }

    private static final int PARTITIONS = io.streamgen.schema.topic.Topics.DEFAULT_PARTITIONS;

    private final Admin admin;
    private final String bootstrap;
    private final String runId = "bench-chain-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private int runs;

    PlainChain(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
    }

    /** Every input sent as fast as the producer takes them. */
    Result flatOut(Load load, Duration timeout) throws Exception {
        return run(load, 0, timeout);
    }

    /** Inputs sent at {@code inputsPerSecond} for as many as {@code load} has (so: inputs / rate seconds). */
    Result paced(Load load, double inputsPerSecond, Duration timeout) throws Exception {
        return run(load, inputsPerSecond, timeout);
    }

    private Result run(Load load, double rate, Duration timeout) throws Exception {
        int n = ++runs;
        String in = runId + "-" + n + "-in";
        String out = runId + "-" + n + "-out";
        createTopics(in, out);
        Deadline deadline = Deadline.in(timeout);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Histogram latency = new Histogram(LatencyWindow.HIGHEST_MICROS, 3);
        AtomicLong firstSend = new AtomicLong();
        AtomicLong lastReceive = new AtomicLong();
        AtomicLong received = new AtomicLong();
        AtomicLong receivedBytes = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong relayed = new AtomicLong();
        long expected = load.outputs();
        List<Thread> threads = new ArrayList<>();
        // the clock starts once the relay and the sink are connected and the source knows the leaders
        CountDownLatch ready = new CountDownLatch(2);
        try {
            threads.add(thread("chain-sink", failed, () -> sink(out, expected, deadline, latency, lastReceive, received,
                    receivedBytes, ready)));
            threads.add(thread("chain-relay", failed, () -> relay(in, out, load, deadline, received, expected, ready, relayed)));
            threads.add(thread("chain-source", failed, () -> source(in, load, rate, deadline, firstSend, ready, sent)));
            for (Thread t : threads) {
                t.join(Math.max(1, deadline.millisLeft() + 5_000));
            }
            if (failed.get() != null) {
                throw new IllegalStateException("the chain failed: " + failed.get(), failed.get());
            }
            if (received.get() < expected) {
                throw new TimeoutException("the chain delivered " + received.get() + " of " + expected + " within " + timeout
                        + " (" + sent.get() + " of " + load.inputs() + " inputs acknowledged, " + relayed.get() + " relayed)");
            }
            return new Result(load.inputs(), received.get(), receivedBytes.get(),
                    (lastReceive.get() - firstSend.get()) / 1e9, latency);
        } finally {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join(10_000);
            }
            deleteTopics(List.of(in, out));
        }
    }

    private void source(String topic, Load load, double rate, Deadline deadline, AtomicLong firstSend,
            CountDownLatch ready, AtomicLong acknowledged) {
        byte[][] keys = keys(load.keys());
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.partitionsFor(topic);
            if (!ready.await(deadline.millisLeft(), TimeUnit.MILLISECONDS)) {
                return;
            }
            long start = System.nanoTime();
            firstSend.set(start);
            for (long i = 0; i < load.inputs() && !deadline.passed(); i++) {
                if (rate > 0) {
                    long due = start + (long) (i / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                byte[] value = new byte[Math.max(9, load.inputBytes())];
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                producer.send(new ProducerRecord<>(topic, keys[(int) (i % keys.length)], value), (meta, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relay(String in, String out, Load load, Deadline deadline, AtomicLong delivered, long expected,
            CountDownLatch ready, AtomicLong count) {
        long relayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(in);
             KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.partitionsFor(out);
            ready.countDown();
            while (!deadline.passed() && delivered.get() < expected && !Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    int outputs = load.outputsOf(relayed++);
                    count.set(relayed);
                    long sentAt = ByteBuffer.wrap(record.value()).getLong();
                    for (int k = 0; k < outputs; k++) {
                        byte[] value = new byte[Math.max(9, load.outputBytes())];
                        ByteBuffer.wrap(value).putLong(sentAt).put((byte) (k == 0 ? 1 : 0));
                        producer.send(new ProducerRecord<>(out, record.key(), value));
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // stopped
        }
    }

    private void sink(String topic, long expected, Deadline deadline, Histogram latency, AtomicLong lastReceive,
            AtomicLong received, AtomicLong bytes, CountDownLatch ready) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            ready.countDown();
            while (received.get() < expected && !deadline.passed()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    ByteBuffer value = ByteBuffer.wrap(record.value());
                    long sentAt = value.getLong();
                    if (value.get() == 1) {
                        latency.recordValue(Math.min(LatencyWindow.HIGHEST_MICROS, Math.max(0, (now - sentAt) / 1_000)));
                    }
                    bytes.addAndGet(record.key().length + record.value().length);
                    received.incrementAndGet();
                    lastReceive.set(now);
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // stopped
        }
    }

    private static Thread thread(String name, AtomicReference<Throwable> failed, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed.compareAndSet(null, e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static byte[][] keys(int count) {
        byte[][] keys = new byte[Math.max(1, count)][];
        for (int i = 0; i < keys.length; i++) {
            // as long as the generation ids the harness uses
            keys[i] = String.format("bench-chain0-step-%04d", i).getBytes(StandardCharsets.UTF_8);
        }
        return keys;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        // as the agents' and the coordinator's producers: acks=all, idempotent, Kafka's default batching
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer of every partition of a topic made for this run, from offset 0; no group (no join,
     * no rebalance). Its positions are settled before it returns, so it misses nothing sent after.
     */
    private KafkaConsumer<byte[], byte[]> consumer(String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // the topics are new: should a fetch ever be out of range, "earliest" is offset 0 again
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
        partitions.forEach(tp -> consumer.seek(tp, 0));
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30)));
        return consumer;
    }

    private void createTopics(String... names) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, PARTITIONS, (short) 1));
            created.add(name);
        }
        admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        // the leaders are known once metadata says so
        Deadline ready = Deadline.in(Duration.ofSeconds(30));
        while (!ready.passed()) {
            try {
                var described = admin.describeTopics(List.of(names)).allTopicNames().get(30, TimeUnit.SECONDS);
                if (described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
                    // a leader named in metadata may not host its log yet: an idempotent producer's first
                    // batch refused then (NOT_LEADER_OR_FOLLOWER) can leave it retrying out-of-order
                    // sequences; the leaders answering ListOffsets are ready
                    Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
                    for (String name : names) {
                        for (int p = 0; p < PARTITIONS; p++) {
                            latest.put(new TopicPartition(name, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
                        }
                    }
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("the chain's topics got no leaders within 30 s");
    }

    private void deleteTopics(List<String> names) {
        try {
            admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
            names.forEach(created::remove);
        } catch (Exception e) {
            // left for close()
        }
    }

    /** Deletes any topic of this chain still there. */
    @Override
    public void close() {
        if (!created.isEmpty()) {
            deleteTopics(List.copyOf(created));
        }
    }

    /** The chain's topics still on the broker (none after {@link #close}). */
    Set<String> leftovers() throws Exception {
        Set<String> names = new java.util.HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        names.removeIf(n -> !n.startsWith(runId));
        return names;
    }
}
