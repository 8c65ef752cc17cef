package io.streamgen.infra.kafka;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * {@link ServiceAcls} as a POSIX shell script of {@code kafka-acls.sh} calls, for a locked-down
 * cluster run from the official Kafka image (docker-compose.secure.yml's one-shot job), so that the
 * compose file and the launcher grant the same access. Generated, never edited: a test fails when
 * the committed copy differs.
 */
public final class AclsScript {

    private AclsScript() {
    }

    public static String render() {
        StringBuilder script = new StringBuilder("""
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
                  "$KAFKA_CONFIGS" --bootstrap-server "$BOOTSTRAP" --command-config "$COMMAND_CONFIG" --alter \\
                    --entity-type users --entity-name "$principal" \\
                    --add-config "SCRAM-SHA-512=[iterations=8192,password=$(cat "$PASSWORDS/$principal")]" >/dev/null
                }

                allow() {
                  principal=$1; operation=$2; pattern=$3; shift 3
                  "$KAFKA_ACLS" --bootstrap-server "$BOOTSTRAP" --command-config "$COMMAND_CONFIG" --add \\
                    --allow-principal "User:$principal" --operation "$operation" --resource-pattern-type "$pattern" "$@" >/dev/null
                }

                """);
        for (ServiceAcls.Access access : ServiceAcls.services()) {
            script.append("# ").append(access.principal()).append('\n');
            script.append("scram ").append(access.principal()).append('\n');
            ServiceAcls.bindings(access).forEach(binding -> script.append(line(access.principal(), binding)).append('\n'));
        }
        return script.append("echo \"streamgen logins and ACLs ready on $BOOTSTRAP\"\n").toString();
    }

    private static String line(String principal, AclBinding binding) {
        String option = switch (binding.pattern().resourceType()) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            default -> throw new IllegalArgumentException("no kafka-acls option for " + binding.pattern());
        };
        String pattern = binding.pattern().patternType() == PatternType.PREFIXED ? "prefixed" : "literal";
        return "allow " + principal + " " + SecurityUtils.operationName(binding.entry().operation()) + " " + pattern + " "
                + option + " " + binding.pattern().name();
    }
}
