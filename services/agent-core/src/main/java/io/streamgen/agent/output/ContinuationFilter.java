package io.streamgen.agent.output;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Aligns a continuation stream with what the interrupted stream already published, so that nothing
 * is published twice or lost whatever the model does when asked to go on (DESIGN §4 Control):
 * <ul>
 * <li>it <b>continues</b> (text before any marker): lines repeating the end of what was published
 *     are skipped, the rest goes on in the interrupted region;</li>
 * <li>it <b>restarts</b> (writes the files again from the top): regions finished before are
 *     skipped whole; in the interrupted region, lines equal to what was published are skipped and
 *     what follows them goes on;</li>
 * <li>it <b>rephrases</b> the interrupted region: its new version replaces the published one.</li>
 * </ul>
 * Lines are compared with their surrounding white space ignored.
 */
public final class ContinuationFilter implements OutputRouter.Listener {

    /** Where routed text goes, and how a region is replaced as a whole. */
    public interface Target extends OutputRouter.Listener {
        /** Everything written so far to the region is replaced by {@code text}. */
        void replace(String path, String region, String text, int tokens);
    }

    private enum Mode { UNDECIDED, IMPLICIT, PREFIX, PASS, DROP }

    private final Target target;
    private final Set<String> finished;
    private final String resumeKey;
    private final List<String> publishedLines;
    private final Map<String, Mode> modes = new HashMap<>();
    /** What was published ends with a blank line: blank lines right after it would double it. */
    private final boolean publishedEndsBlank;

    // the interrupted region, while it is being compared
    private final StringBuilder pendingLine = new StringBuilder();
    private final StringBuilder incoming = new StringBuilder();
    private final List<String> heldBlank = new ArrayList<>();
    private int heldTokens;
    private int matched;

    /**
     * @param finished keys ({@link #key}) of regions the interrupted stream finished
     * @param resumePath the file it stopped in (null if none)
     * @param resumeRegion the region it stopped in
     * @param publishedText what it published of that region
     */
    public ContinuationFilter(Target target, Set<String> finished, String resumePath, String resumeRegion,
                              String publishedText) {
        this.target = target;
        this.finished = Set.copyOf(finished);
        this.resumeKey = resumePath == null ? null : key(resumePath, resumeRegion);
        this.publishedLines = normalisedLines(publishedText == null ? "" : publishedText);
        this.publishedEndsBlank = publishedText != null && publishedText.endsWith("\n\n");
    }

    public static String key(String path, String region) {
        return path + "\u0000" + (region == null ? "" : region);
    }

    @Override
    public void regionStart(String path, String region) {
        String key = key(path, region);
        if (key.equals(resumeKey)) {
            modes.put(key, publishedLines.isEmpty() ? Mode.PASS : Mode.PREFIX);
            resetComparison();
        } else if (finished.contains(key)) {
            modes.put(key, Mode.DROP);
        } else {
            modes.put(key, Mode.PASS);
            target.regionStart(path, region);
        }
    }

    @Override
    public void text(String path, String region, String text, int tokens) {
        String key = key(path, region);
        Mode mode = modes.getOrDefault(key, key.equals(resumeKey) ? Mode.UNDECIDED
                : finished.contains(key) ? Mode.DROP : Mode.PASS);
        modes.putIfAbsent(key, mode);
        switch (mode) {
            case PASS -> target.text(path, region, text, tokens);
            case DROP -> {
            }
            default -> compare(path, region, text, tokens);
        }
    }

    @Override
    public void regionEnd(String path, String region) {
        String key = key(path, region);
        Mode mode = modes.getOrDefault(key, key.equals(resumeKey) ? Mode.UNDECIDED
                : finished.contains(key) ? Mode.DROP : Mode.PASS);
        if (mode == Mode.DROP) {
            return;
        }
        if (key.equals(resumeKey) && mode == Mode.UNDECIDED && incoming.isEmpty() && pendingLine.isEmpty()) {
            return; // the new stream left the region before writing to it (it restarts the file): not its end
        }
        if (key.equals(resumeKey) && mode != Mode.PASS) {
            if (!pendingLine.isEmpty()) {
                String last = pendingLine.toString();
                pendingLine.setLength(0);
                line(path, region, last);
            }
            Mode now = modes.get(key);
            if (now == Mode.PREFIX && matched < publishedLines.size() && !incoming.toString().isBlank()) {
                // a shorter new version of the region: it replaces the published one
                target.replace(path, region, incoming.toString(), heldTokens);
            }
            modes.put(key, Mode.PASS);
        }
        target.regionEnd(path, region);
    }

    private void compare(String path, String region, String text, int tokens) {
        heldTokens += tokens;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                pendingLine.append(text, start, i + 1);
                start = i + 1;
                String complete = pendingLine.toString();
                pendingLine.setLength(0);
                line(path, region, complete);
                if (modes.get(key(path, region)) == Mode.PASS) {
                    if (start < text.length()) {
                        target.text(path, region, text.substring(start), 0);
                    }
                    return;
                }
            }
        }
        pendingLine.append(text, start, text.length());
    }

    /** One complete line of the interrupted region's new text. */
    private void line(String path, String region, String line) {
        String key = key(path, region);
        incoming.append(line);
        if (line.isBlank()) {
            heldBlank.add(line);
            return;
        }
        String normalised = line.strip();
        Mode mode = modes.get(key);
        if (mode == Mode.UNDECIDED) {
            boolean restartsRegion = !publishedLines.isEmpty() && normalised.equals(publishedLines.get(0))
                    && publishedLines.size() > 1;
            if (restartsRegion) {
                modes.put(key, Mode.PREFIX);
                mode = Mode.PREFIX;
            } else {
                modes.put(key, Mode.IMPLICIT);
                mode = Mode.IMPLICIT;
            }
        }
        if (mode == Mode.PREFIX) {
            if (matched < publishedLines.size() && normalised.equals(publishedLines.get(matched))) {
                matched++;
                heldBlank.clear();
                return;
            }
            if (matched == publishedLines.size()) {
                passOn(path, region, line); // the new stream went past what was published
            } else {
                // it rephrased the region: the new version replaces what was published
                target.replace(path, region, incoming.toString(), takeTokens());
                modes.put(key, Mode.PASS);
                heldBlank.clear();
            }
            return;
        }
        // IMPLICIT: the model continued; lines that repeat the end of what was published are skipped
        if (candidates == null) {
            candidates = new ArrayList<>();
            for (int i = Math.max(0, publishedLines.size() - 20); i < publishedLines.size(); i++) {
                if (publishedLines.get(i).equals(normalised)) {
                    candidates.add(i);
                }
            }
        } else {
            int offset = overlapLines.size();
            candidates.removeIf(i -> i + offset >= publishedLines.size() || !publishedLines.get(i + offset).equals(normalised));
        }
        if (candidates.isEmpty()) {
            overlapLines.forEach(heldBlank::add); // not a repetition after all
            overlapLines.clear();
            passOn(path, region, line);
            return;
        }
        overlapLines.add(line);
        if (candidates.stream().anyMatch(i -> i + overlapLines.size() == publishedLines.size())) {
            overlapLines.clear(); // it repeated the end of what was published: skipped, go on after it
            heldBlank.clear();
            modes.put(key, Mode.PASS);
            takeTokens();
        }
    }

    private List<Integer> candidates;
    private final List<String> overlapLines = new ArrayList<>();

    private void passOn(String path, String region, String line) {
        StringBuilder out = new StringBuilder();
        if (!publishedEndsBlank) {
            heldBlank.forEach(out::append);
        }
        heldBlank.clear();
        out.append(line);
        target.text(path, region, out.toString(), takeTokens());
        modes.put(key(path, region), Mode.PASS);
    }

    private int takeTokens() {
        int tokens = heldTokens;
        heldTokens = 0;
        return tokens;
    }

    private void resetComparison() {
        pendingLine.setLength(0);
        incoming.setLength(0);
        heldBlank.clear();
        heldTokens = 0;
        matched = 0;
    }

    private static List<String> normalisedLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    @Override
    public String toString() {
        return "ContinuationFilter[" + Objects.toString(resumeKey) + "]";
    }
}
