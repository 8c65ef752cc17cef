package io.streamgen.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AclsScriptTest {

    static final Path COMMITTED = Path.of("..", "compose", "create-acls.sh");

    @Test
    void shouldGrantEveryServiceItsAclsAsTheLauncherDoes() {
        String script = AclsScript.render();

        assertThat(script.lines().filter(l -> l.startsWith("allow "))).hasSize(ServiceAcls.bindings().size());
        assertThat(script).contains("allow ui-agent Read literal --topic streamgen.tasks.ui",
                "allow ui-agent Read prefixed --group streamgen-agent-control-",
                "allow coordinator Write prefixed --transactional-id streamgen-coordinator-",
                "allow coordinator Create prefixed --topic streamgen-coordinator-",
                "allow gateway Read literal --topic streamgen.events");
        assertThat(script).doesNotContain("allow ui-agent Read literal --topic streamgen.tasks.logic");
    }

    @Test
    void shouldMatchTheCommittedComposeScript() throws Exception {
        if (Boolean.getBoolean("streamgen.topics.regenerate")) {
            Files.writeString(COMMITTED, AclsScript.render());
        }
        assertThat(Files.readString(COMMITTED))
                .as("infra/compose/create-acls.sh is stale: regenerate it with "
                        + "./mvnw -pl infra/kafka-launcher test -Dstreamgen.topics.regenerate=true")
                .isEqualTo(AclsScript.render());
    }
}
