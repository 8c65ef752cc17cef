#!/bin/sh
# Creates every streamgen service's SCRAM-SHA-512 login and grants it its ACLs (and nothing
# else: the cluster denies by default). GENERATED from io.streamgen.infra.kafka.ServiceAcls by
#   java -jar infra/kafka-launcher/target/streamgen-kafka-launcher.jar acls-script
# Do not edit: a test fails when this file and ServiceAcls disagree.
# PASSWORDS holds one file per principal, its password (infra/compose/secure/init-secrets.sh).
set -eu
BOOTSTRAP="${BOOTSTRAP:-localhost:9092}"
KAFKA_ACLS="${KAFKA_ACLS:-/opt/kafka/bin/kafka-acls.sh}"
KAFKA_CONFIGS="${KAFKA_CONFIGS:-/opt/kafka/bin/kafka-configs.sh}"
COMMAND_CONFIG="${COMMAND_CONFIG:?the admin's client settings}"
PASSWORDS="${PASSWORDS:?a directory of one password file per principal}"

scram() {
  principal=$1
  if [ ! -f "$PASSWORDS/$principal" ]; then
    echo "no password for $principal in $PASSWORDS: its login is not created"; return 0
  fi
  "$KAFKA_CONFIGS" --bootstrap-server "$BOOTSTRAP" --command-config "$COMMAND_CONFIG" --alter \
    --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$(cat "$PASSWORDS/$principal")]" >/dev/null
}

allow() {
  principal=$1; operation=$2; pattern=$3; shift 3
  "$KAFKA_ACLS" --bootstrap-server "$BOOTSTRAP" --command-config "$COMMAND_CONFIG" --add \
    --allow-principal "User:$principal" --operation "$operation" --resource-pattern-type "$pattern" "$@" >/dev/null
}

# coordinator
scram coordinator
allow coordinator Read literal --topic streamgen.requests
allow coordinator Read literal --topic streamgen.chunks
allow coordinator Read literal --topic streamgen.status
allow coordinator Read literal --topic streamgen.bus
allow coordinator Read literal --topic streamgen.control
allow coordinator Write literal --topic streamgen.tasks.ui
allow coordinator Write literal --topic streamgen.tasks.logic
allow coordinator Write literal --topic streamgen.tasks.api
allow coordinator Write literal --topic streamgen.tasks.optimization
allow coordinator Write literal --topic streamgen.tasks.testing
allow coordinator Write literal --topic streamgen.events
allow coordinator Write literal --topic streamgen.checkpoints
allow coordinator Write literal --topic streamgen.dlq
allow coordinator Read literal --group streamgen-coordinator
allow coordinator Write prefixed --transactional-id streamgen-coordinator-
allow coordinator Describe prefixed --transactional-id streamgen-coordinator-
allow coordinator Create prefixed --topic streamgen-coordinator-
allow coordinator Read prefixed --topic streamgen-coordinator-
allow coordinator Write prefixed --topic streamgen-coordinator-
allow coordinator Delete prefixed --topic streamgen-coordinator-
allow coordinator Describe prefixed --topic streamgen-coordinator-
allow coordinator DescribeConfigs prefixed --topic streamgen-coordinator-
# gateway
scram gateway
allow gateway Read literal --topic streamgen.events
allow gateway Read literal --topic streamgen.checkpoints
allow gateway Write literal --topic streamgen.requests
allow gateway Write literal --topic streamgen.control
allow gateway Write literal --topic streamgen.dlq
# cli
scram cli
allow cli Read literal --topic streamgen.events
allow cli Write literal --topic streamgen.requests
allow cli Write literal --topic streamgen.control
# ui-agent
scram ui-agent
allow ui-agent Read literal --topic streamgen.tasks.ui
allow ui-agent Read literal --topic streamgen.control
allow ui-agent Read literal --topic streamgen.bus
allow ui-agent Read literal --topic streamgen.status
allow ui-agent Read literal --topic streamgen.cache
allow ui-agent Read literal --topic streamgen.chunks
allow ui-agent Write literal --topic streamgen.chunks
allow ui-agent Write literal --topic streamgen.status
allow ui-agent Write literal --topic streamgen.bus
allow ui-agent Write literal --topic streamgen.cache
allow ui-agent Write literal --topic streamgen.dlq
allow ui-agent Read literal --group streamgen-agent-ui
allow ui-agent Read prefixed --group streamgen-agent-control-
allow ui-agent Read prefixed --group streamgen-agent-bus-
allow ui-agent Read prefixed --group streamgen-agent-cache-
# logic-agent
scram logic-agent
allow logic-agent Read literal --topic streamgen.tasks.logic
allow logic-agent Read literal --topic streamgen.control
allow logic-agent Read literal --topic streamgen.bus
allow logic-agent Read literal --topic streamgen.status
allow logic-agent Read literal --topic streamgen.cache
allow logic-agent Read literal --topic streamgen.chunks
allow logic-agent Write literal --topic streamgen.chunks
allow logic-agent Write literal --topic streamgen.status
allow logic-agent Write literal --topic streamgen.bus
allow logic-agent Write literal --topic streamgen.cache
allow logic-agent Write literal --topic streamgen.dlq
allow logic-agent Read literal --group streamgen-agent-logic
allow logic-agent Read prefixed --group streamgen-agent-control-
allow logic-agent Read prefixed --group streamgen-agent-bus-
allow logic-agent Read prefixed --group streamgen-agent-cache-
# api-agent
scram api-agent
allow api-agent Read literal --topic streamgen.tasks.api
allow api-agent Read literal --topic streamgen.control
allow api-agent Read literal --topic streamgen.bus
allow api-agent Read literal --topic streamgen.status
allow api-agent Read literal --topic streamgen.cache
allow api-agent Read literal --topic streamgen.chunks
allow api-agent Write literal --topic streamgen.chunks
allow api-agent Write literal --topic streamgen.status
allow api-agent Write literal --topic streamgen.bus
allow api-agent Write literal --topic streamgen.cache
allow api-agent Write literal --topic streamgen.dlq
allow api-agent Read literal --group streamgen-agent-api
allow api-agent Read prefixed --group streamgen-agent-control-
allow api-agent Read prefixed --group streamgen-agent-bus-
allow api-agent Read prefixed --group streamgen-agent-cache-
# optimization-agent
scram optimization-agent
allow optimization-agent Read literal --topic streamgen.tasks.optimization
allow optimization-agent Read literal --topic streamgen.control
allow optimization-agent Read literal --topic streamgen.bus
allow optimization-agent Read literal --topic streamgen.status
allow optimization-agent Read literal --topic streamgen.cache
allow optimization-agent Read literal --topic streamgen.chunks
allow optimization-agent Write literal --topic streamgen.chunks
allow optimization-agent Write literal --topic streamgen.status
allow optimization-agent Write literal --topic streamgen.bus
allow optimization-agent Write literal --topic streamgen.cache
allow optimization-agent Write literal --topic streamgen.dlq
allow optimization-agent Read literal --group streamgen-agent-optimization
allow optimization-agent Read prefixed --group streamgen-agent-control-
allow optimization-agent Read prefixed --group streamgen-agent-bus-
allow optimization-agent Read prefixed --group streamgen-agent-cache-
# testing-agent
scram testing-agent
allow testing-agent Read literal --topic streamgen.tasks.testing
allow testing-agent Read literal --topic streamgen.control
allow testing-agent Read literal --topic streamgen.bus
allow testing-agent Read literal --topic streamgen.status
allow testing-agent Read literal --topic streamgen.cache
allow testing-agent Read literal --topic streamgen.chunks
allow testing-agent Write literal --topic streamgen.chunks
allow testing-agent Write literal --topic streamgen.status
allow testing-agent Write literal --topic streamgen.bus
allow testing-agent Write literal --topic streamgen.cache
allow testing-agent Write literal --topic streamgen.dlq
allow testing-agent Read literal --group streamgen-agent-testing
allow testing-agent Read prefixed --group streamgen-agent-control-
allow testing-agent Read prefixed --group streamgen-agent-bus-
allow testing-agent Read prefixed --group streamgen-agent-cache-
echo "streamgen logins and ACLs ready on $BOOTSTRAP"
