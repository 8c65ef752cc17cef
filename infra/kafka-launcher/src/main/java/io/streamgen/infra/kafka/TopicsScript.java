package io.streamgen.infra.kafka;

import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalogue as a POSIX shell script of {@code kafka-topics.sh} calls, for clusters provisioned
 * from the official Kafka image (docker-compose's one-shot job). It is generated, never edited:
 * a test fails when the committed copy differs from the catalogue.
 */
public final class TopicsScript {

    private TopicsScript() {
    }

    public static String render() {
        StringBuilder script = new StringBuilder("""
                #!/bin/sh
                # Creates every streamgen topic. GENERATED from io.streamgen.schema.topic.Topics by
                #   java -jar infra/kafka-launcher/target/streamgen-kafka-launcher.jar topics-script
                # Do not edit: a test fails when this file and the catalogue disagree.
                set -eu
                BOOTSTRAP="${BOOTSTRAP:-localhost:9092}"
                REPLICATION_FACTOR="${REPLICATION_FACTOR:-3}"
                KAFKA_TOPICS="${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}"
                # a locked-down cluster: the admin's client settings (docker-compose.secure.yml)
                COMMAND_CONFIG="${COMMAND_CONFIG:-}"

                create() {
                  topic=$1; partitions=$2; shift 2
                  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" ${COMMAND_CONFIG:+--command-config "$COMMAND_CONFIG"} \\
                    --create --if-not-exists \\
                    --topic "$topic" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" "$@"
                }

                """);
        for (Topic<?> topic : Topics.all()) {
            script.append("create ").append(topic.name()).append(' ').append(topic.partitions());
            for (Map.Entry<String, String> entry : new TreeMap<>(topic.config()).entrySet()) {
                script.append(" --config ").append(entry.getKey()).append('=').append(entry.getValue());
            }
            script.append('\n');
        }
        return script.append("echo \"streamgen topics ready on $BOOTSTRAP\"\n").toString();
    }
}
