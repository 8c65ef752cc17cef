package io.streamgen.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerCheckTest {

    private final AnswerCheck check = new AnswerCheck(language -> Optional.of("src/logic.js"));

    @Test
    void shouldAcceptAnAnswerWhoseFilesParse() {
        AnswerCheck.Verdict verdict = check.check("Here it is:\n```js\n// @file src/logic.js\n// @region add\n"
                + "export const add = (a, b) => a + b;\n// @endregion\n```\n// @file package.json\n{\"type\": \"module\"}\n");

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.files()).isEqualTo(2);
    }

    @Test
    void shouldNameTheFileAndPlaceThatDoesNotParse() {
        assertThat(check.check("// @file src/logic.js\nexport function add(a, b) {\n  return a + ;\n}\n").problem())
                .as("the line is the file's, the @file line being no part of it")
                .hasValueSatisfying(p -> assertThat(p).startsWith("src/logic.js does not parse (line 2"));
        assertThat(check.check("// @file package.json\n{\"type\": }\n").problem())
                .hasValueSatisfying(p -> assertThat(p).startsWith("package.json does not parse"));
    }

    @Test
    void shouldRefuseAnAnswerThatWritesNoFile() {
        AnswerCheck noDefault = new AnswerCheck(language -> Optional.empty());

        AnswerCheck.Verdict verdict = noDefault.check("I am sorry, I cannot write that.\n");

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.files()).isZero();
        assertThat(verdict.problem()).contains("wrote no file");
    }
}
