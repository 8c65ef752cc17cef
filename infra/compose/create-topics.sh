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
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" ${COMMAND_CONFIG:+--command-config "$COMMAND_CONFIG"} \
    --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" "$@"
}

create streamgen.requests 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.tasks.ui 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.tasks.logic 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.tasks.api 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.tasks.optimization 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.tasks.testing 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.chunks 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.status 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.bus 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.control 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.events 6 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=604800000
create streamgen.checkpoints 6 --config cleanup.policy=compact --config max.message.bytes=16777216
create streamgen.cache 1 --config cleanup.policy=compact,delete --config max.message.bytes=16777216 --config retention.ms=2592000000
create streamgen.dlq 3 --config cleanup.policy=delete --config max.message.bytes=16777216 --config retention.ms=1209600000
echo "streamgen topics ready on $BOOTSTRAP"
