package io.streamgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.streamgen.gateway.api.UnifiedDiffs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's plain modules under {@code node --test} ({@code src/test/js}), with cases of
 * unified diffs written here by java-diff-utils as the coordinator writes them (whole files and
 * windows of a file with shifted hunk numbers, as its region diffs are), which the page's patcher
 * must rebuild exactly.
 */
class DashboardScriptsTest {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(,\\d+)? \\+(\\d+)(,\\d+)? @@(.*)$");
    private static final String[] PIECES = {"", "a", "b", "const x = 1;", "  return y;", "}", "-- c", "+ d", " e"};

    @Test
    void shouldPassTheDashboardModulesTests() throws Exception {
        Assumptions.assumeTrue(nodeAvailable(), "the dashboard's module tests need node on the PATH");
        Path cases = Path.of("target", "dashboard-js", "patch-cases.json");
        Files.createDirectories(cases.getParent());
        new ObjectMapper().writeValue(cases.toFile(), patchCases(new Random(13), 600));

        ProcessBuilder node = new ProcessBuilder("node", "--test", "src/test/js/").redirectErrorStream(true)
                .redirectOutput(cases.resolveSibling("node-test.log").toFile());
        node.environment().put("PATCH_CASES", cases.toAbsolutePath().toString());
        Process process = node.start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String log = Files.readString(cases.resolveSibling("node-test.log"));
        assertThat(ended).as("node --test ended within 120 s").isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("# fail 0").doesNotContain("# skipped 1");
    }

    private static List<Map<String, String>> patchCases(Random random, int count) {
        List<Map<String, String>> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> before = lines(random);
            List<String> after = new ArrayList<>(before);
            int start = random.nextInt(after.size() + 1);
            int end = start + random.nextInt(after.size() - start + 1);
            List<String> window = new ArrayList<>(after.subList(start, end));
            List<String> changed = mutate(window, random);
            after.subList(start, end).clear();
            after.addAll(start, changed);
            String beforeText = String.join("\n", before);
            String afterText = String.join("\n", after);
            // an empty text has no lines, so a window of it is the whole file
            String diff = i % 2 == 0 || beforeText.isEmpty() ? UnifiedDiffs.between("f.js", beforeText, afterText)
                    : windowDiff(window, changed, start);
            if (!diff.isEmpty()) {
                cases.add(Map.of("before", beforeText, "after", afterText, "diff", diff));
            }
        }
        return cases;
    }

    /** As the coordinator's region diffs: the window's lines only, hunks numbered in the file's lines. */
    private static String windowDiff(List<String> before, List<String> after, int lineOffset) {
        var patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff("a/f.js", "b/f.js", before, patch, 3)) {
            Matcher m = HUNK.matcher(line);
            out.add(!m.matches() ? line : "@@ -" + (Integer.parseInt(m.group(1)) + lineOffset)
                    + (m.group(2) == null ? "" : m.group(2)) + " +" + (Integer.parseInt(m.group(3)) + lineOffset)
                    + (m.group(4) == null ? "" : m.group(4)) + " @@" + m.group(5));
        }
        return String.join("\n", out) + "\n";
    }

    private static List<String> lines(Random random) {
        List<String> lines = new ArrayList<>();
        for (int n = 1 + random.nextInt(12); n > 0; n--) {
            lines.add(PIECES[random.nextInt(PIECES.length)]);
        }
        return lines;
    }

    private static List<String> mutate(List<String> window, Random random) {
        List<String> out = new ArrayList<>(window);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(out.size() + 1);
            switch (random.nextInt(3)) {
                case 0 -> out.add(at, PIECES[random.nextInt(PIECES.length)] + " // new");
                case 1 -> {
                    if (at < out.size()) {
                        out.remove(at);
                    }
                }
                default -> {
                    if (at < out.size()) {
                        out.set(at, out.get(at) + " changed");
                    }
                }
            }
        }
        return out;
    }

    private static boolean nodeAvailable() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
