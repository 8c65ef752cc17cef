package io.streamgen.agent.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.agent.model.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property tests over random programs assembled from statements whose ends are known, fed to the
 * buffer in random token splits: the chunks always concatenate back to the input, and a chunk marked
 * complete always ends where a statement ends.
 */
class StatementBufferTest {

    /** Complete JavaScript statements, each deliberately awkward for a naive splitter. */
    static final List<String> JS = List.of(
            "const a = 1;\n",
            "let s = 'a; b } c';\n",
            "const t = `x ${ { a: 1 }.a } y ${ `nested ${1 + 2}` } }`;\n",
            "const re = /[;}{]+\\/x/g;\n",
            "/* a comment; with } braces */\n",
            "// line comment; } {\n",
            "function f(a, b) {\n  if (a > b) {\n    return a / b;\n  }\n  return b;\n}\n",
            "const o = {\n  k: 'v',\n  n: [1, 2, 3],\n};\n",
            "const total = items\n  .map((x) => x * 2)\n  .reduce((a, b) => a + b, 0);\n",
            "export function g() { return \"q\\\"uote; }\"; }\n",
            "if (x) {\n  y();\n} else {\n  z();\n}\n",
            "const html = `<ul>\n${items.map((i) => `<li>${i}</li>`).join('')}\n</ul>`;\n",
            "\n");

    static final List<String> PYTHON = List.of(
            "x = 1\n",
            "s = 'a: b # not a comment'\n",
            "doc = \"\"\"line one\nline two: still a string\n\"\"\"\n",
            "def f(a,\n      b):\n    return a + b\n",
            "# a comment line\n",
            "values = [\n    1,\n    2,\n]\n",
            "empty = ''\n",
            "\n");

    record Program(String text, Set<Integer> ends) {
    }

    static Program program(List<String> pool, Random random, int statements) {
        StringBuilder text = new StringBuilder();
        Set<Integer> ends = new TreeSet<>();
        for (int i = 0; i < statements; i++) {
            text.append(pool.get(random.nextInt(pool.size())));
            ends.add(text.length());
        }
        return new Program(text.toString(), ends);
    }

    /** Random re-splitting of the text into 1–12 character tokens. */
    static List<String> randomTokens(String text, Random random) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int n = Math.min(text.length() - i, 1 + random.nextInt(12));
            tokens.add(text.substring(i, i + n));
            i += n;
        }
        return tokens;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void shouldGiveBackExactlyTheTextAndEndCompleteChunksOnStatementEnds(int seed) {
        Random random = new Random(seed);
        for (var language : List.of(Language.C_LIKE, Language.PYTHON_LIKE)) {
            Program program = program(language == Language.C_LIKE ? JS : PYTHON, random, 40);
            List<StatementBuffer.Flush> flushes = new ArrayList<>();
            FlushPolicy anyBoundary = (pending, since) -> random.nextInt(3) == 0;
            StatementBuffer buffer = new StatementBuffer(language, anyBoundary, 1 << 20, System::nanoTime, flushes::add);

            randomTokens(program.text(), random).forEach(buffer::add);
            buffer.finish();

            StringBuilder joined = new StringBuilder();
            for (StatementBuffer.Flush flush : flushes) {
                joined.append(flush.text());
                assertThat(flush.statementComplete()).isTrue();
                assertThat(program.ends()).as("chunk ends at %d in:\n%s", joined.length(), joined)
                        .contains(joined.length());
            }
            assertThat(joined.toString()).isEqualTo(program.text());
            assertThat(buffer.capHits()).isZero();
        }
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {16, 64, 256})
    void shouldForceAChunkAtTheHardCapAndCountIt(int cap) {
        String endless = "const s = `" + "x".repeat(2_000) + "`;\n";
        List<StatementBuffer.Flush> flushes = new ArrayList<>();
        StatementBuffer buffer = new StatementBuffer(Language.C_LIKE, FlushPolicy.fixed(1), cap, System::nanoTime, flushes::add);

        Tokens.split(endless).forEach(buffer::add);
        buffer.finish();

        assertThat(String.join("", flushes.stream().map(StatementBuffer.Flush::text).toList())).isEqualTo(endless);
        assertThat(buffer.capHits()).isPositive();
        assertThat(flushes).filteredOn(f -> !f.statementComplete()).allSatisfy(f -> assertThat(f.text().length()).isGreaterThanOrEqualTo(cap));
    }

    @ParameterizedTest(name = "bufferSize {0}")
    @ValueSource(ints = {1, 8, 50})
    void shouldHoldAFixedNumberOfTokensWhenTheTaskSaysSo(int size) {
        Program program = program(JS, new Random(size), 60);
        List<StatementBuffer.Flush> flushes = new ArrayList<>();
        StatementBuffer buffer = new StatementBuffer(Language.C_LIKE, FlushPolicy.fixed(size), 1 << 20, System::nanoTime, flushes::add);

        Tokens.split(program.text()).forEach(buffer::add);
        buffer.finish();

        assertThat(flushes.subList(0, flushes.size() - 1)).allSatisfy(f -> assertThat(f.tokens()).isGreaterThanOrEqualTo(size));
        assertThat(flushes.stream().mapToInt(StatementBuffer.Flush::tokens).sum()).isEqualTo(Tokens.split(program.text()).size());
    }

    @ParameterizedTest(name = "{0} tokens/s")
    @ValueSource(ints = {100, 150, 400, 1_000, 5_000, 20_000})
    void shouldPublishAboutEveryHundredMillisecondsWhateverTheRate(int tokensPerSecond) {
        // short statements, so that the cadence is the policy's choice, not the code's shape
        Program program = program(List.of("a = 1;\n", "b(c);\n", "d += e;\n", "f();\n"), new Random(7), 4_000);
        List<String> tokens = Tokens.split(program.text());
        AtomicLong now = new AtomicLong();
        List<Long> flushTimes = new ArrayList<>();
        StatementBuffer buffer = new StatementBuffer(Language.C_LIKE, FlushPolicy.adaptive(100), 4096, now::get,
                flush -> flushTimes.add(now.get()));
        long gap = TimeUnit.SECONDS.toNanos(1) / tokensPerSecond;

        for (String token : tokens.subList(0, Math.min(tokens.size(), tokensPerSecond * 10))) {
            now.addAndGet(gap);
            buffer.add(token);
        }

        List<Long> intervals = new ArrayList<>();
        for (int i = 2; i < flushTimes.size(); i++) { // the first flush comes before the rate is known
            intervals.add(TimeUnit.NANOSECONDS.toMillis(flushTimes.get(i) - flushTimes.get(i - 1)));
        }
        Collections.sort(intervals);
        long median = intervals.get(intervals.size() / 2);
        assertThat(median).as("median interval at %d tokens/s", tokensPerSecond).isBetween(50L, 150L);
    }
}
