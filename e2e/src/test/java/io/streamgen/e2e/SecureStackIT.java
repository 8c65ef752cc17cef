package io.streamgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.cli.FollowFrom;
import io.streamgen.cli.GatewayGenerations;
import io.streamgen.cli.LocalStack;
import io.streamgen.cli.StreamedEvent;
import io.streamgen.infra.kafka.KafkaSecurity;
import io.streamgen.infra.kafka.ServiceAcls;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The whole local stack locked down ({@code streamgen up --secure}), behind
 * {@code -Dstreamgen.secure=true} (a second whole stack does not fit the verify budget on two
 * cores): SASL/SCRAM logins only, ACLs deny-by-default, every service its own principal. One
 * generation completes through the gateway, the coordinator's exactly-once Streams and the five
 * agents; a service's credentials are still refused another's topics; no password reaches a log.
 */
@EnabledIfSystemProperty(named = "streamgen.secure", matches = "true")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SecureStackIT {

    private static LocalStack stack;
    private static Path state;

    @BeforeAll
    static void up() throws Exception {
        state = Files.createTempDirectory("streamgen-secure");
        stack = E2eProcesses.stack(state, 0).withSecurity(true);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long start = System.nanoTime();
        stack.up(Duration.ofMinutes(4), new PrintStream(log, true, StandardCharsets.UTF_8));
        System.out.printf("secure stack up in %.1f s:%n%s", (System.nanoTime() - start) / 1e9, log);
    }

    @AfterAll
    static void down() throws IOException {
        if (stack != null) {
            stack.down(System.out);
        }
    }

    @Test
    void shouldCompleteAGenerationWithEveryServiceLoggedInAsItself() throws Exception {
        GatewayGenerations gateway = new GatewayGenerations(stack.gatewayUrl());
        GenerationRequested request = GenerationRequested.newBuilder().setGenerationId("secure-" + UUID.randomUUID())
                .setPrompt("a todo app").setFlags(Flags.newBuilder().setParallel(true).setTest(true).build())
                .setRequestedBy("secure-it").setRequestedAt(Instant.now()).build();
        long start = System.nanoTime();
        String id = gateway.submit(request);
        List<StreamedEvent> events = new CopyOnWriteArrayList<>();
        gateway.follow(id, new FollowFrom.Submitted(Instant.now().minusSeconds(60)), Duration.ofMinutes(3), events::add);
        System.out.printf("secure generation %s: %d events in %.1f s%n", id, events.size(), (System.nanoTime() - start) / 1e9);

        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).type()).as(events.get(events.size() - 1).json().toString())
                .isEqualTo("generation-completed");
        List<String> files = gateway.writeFiles(id, state.resolve("out"));
        assertThat(files).contains("server/app.js");
    }

    /** {@code streamgen submit --kafka … --kafka-config .streamgen/kafka-cli.properties}: the CLI's own principal. */
    @Test
    void shouldLetTheCliGoStraightToTheTopicsWithItsOwnLogin() throws Exception {
        io.streamgen.cli.KafkaGenerations kafka = new io.streamgen.cli.KafkaGenerations(stack.bootstrapServers(),
                stack.coordinatorUrl(), stack.coordinatorApiSecret(),
                io.streamgen.cli.StreamgenCommand.kafkaClientConfig(stack.cliKafkaConfig()));
        assertThat(KafkaSecurity.ownerOnly(stack.cliKafkaConfig())).isTrue();
        GenerationRequested request = GenerationRequested.newBuilder().setGenerationId("secure-cli-" + UUID.randomUUID())
                .setPrompt("a notes app").setFlags(Flags.newBuilder().build()).setRequestedBy("secure-it")
                .setRequestedAt(Instant.now()).build();
        kafka.submit(request);
        List<io.streamgen.cli.KafkaGenerations.Event> events = new CopyOnWriteArrayList<>();
        io.streamgen.cli.KafkaGenerations.Event last = kafka.read(request.getGenerationId(),
                new FollowFrom.Submitted(Instant.now().minusSeconds(60)), Duration.ofMinutes(3), events::add);
        assertThat(last).isNotNull();
        assertThat(last.type()).isEqualTo("GenerationCompleted");
    }

    @Test
    void shouldStillRefuseAnAgentsCredentialsOnTheMergedTopic() throws Exception {
        Map<String, Object> ui = new HashMap<>(stack.kafkaLogin(ServiceAcls.agent(Role.UI)));
        ui.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        ui.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(ui, new StringSerializer(), new StringSerializer())) {
            Throwable refused = null;
            try {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "g", "forged")).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                refused = e.getCause();
            }
            assertThat(refused).isInstanceOf(TopicAuthorizationException.class);
        }
        ui.remove(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(ui, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topics.EVENTS.name(), 0)));
            consumer.seekToBeginning(consumer.assignment());
            Throwable refused = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (refused == null && System.nanoTime() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(500));
                } catch (RuntimeException e) {
                    refused = e;
                }
            }
            assertThat(refused).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldKeepThePasswordsInAnOwnerOnlyFileAndOutOfEveryLog() throws IOException {
        assertThat(KafkaSecurity.ownerOnly(stack.credentialsFile())).isTrue();
        Properties passwords = new Properties();
        try (var in = Files.newBufferedReader(stack.credentialsFile())) {
            passwords.load(in);
        }
        assertThat(passwords.stringPropertyNames()).containsAll(ServiceAcls.principals()).contains(KafkaSecurity.ADMIN);
        List<Path> logs;
        try (Stream<Path> files = Files.walk(state)) {
            // the services' logs/<name>.log and each broker node's logs/broker.log (not Kafka's own segment files)
            logs = files.filter(f -> f.getParent().getFileName().toString().equals("logs") && f.toString().endsWith(".log"))
                    .toList();
        }
        assertThat(logs).hasSizeGreaterThanOrEqualTo(8);
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            for (String principal : passwords.stringPropertyNames()) {
                assertThat(text).as("%s holds %s's password", log, principal).doesNotContain(passwords.getProperty(principal));
            }
        }
    }
}
