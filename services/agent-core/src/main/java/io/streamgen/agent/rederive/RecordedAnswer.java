package io.streamgen.agent.rederive;

import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.source.Directive;
import io.streamgen.source.Regions;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A task's answer rebuilt from the chunks it published, in the protocol's own form ({@code @file}
 * and {@code @region} lines around each region's text), so that a re-derived task streams it
 * through the same router and buffer and publishes the same chunks again. The answer is the one
 * the coordinator kept: the highest attempt that reached its {@code END} chunk (chunks of
 * superseded attempts are dropped there too), in {@code seq} order, each {@code seq} once.
 */
public final class RecordedAnswer {

    private RecordedAnswer() {
    }

    /** The kept attempt's answer among {@code chunks} (one task's, any attempts), or empty when no attempt ended. */
    public static Optional<String> of(Collection<CodeChunk> chunks) {
        Map<Integer, List<CodeChunk>> byAttempt = chunks.stream()
                .collect(Collectors.groupingBy(CodeChunk::getAttempt, TreeMap::new, Collectors.toList()));
        return byAttempt.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(c -> c.getOp() == ChunkOp.END))
                .reduce((a, b) -> b)
                .map(e -> render(e.getValue()));
    }

    static String render(List<CodeChunk> attempt) {
        Map<Long, CodeChunk> bySeq = new TreeMap<>();
        attempt.forEach(c -> bySeq.putIfAbsent(c.getSeq(), c));
        StringBuilder out = new StringBuilder();
        String path = null;
        String region = null;
        for (CodeChunk chunk : bySeq.values().stream().sorted(Comparator.comparingLong(CodeChunk::getSeq)).toList()) {
            if (chunk.getOp() == ChunkOp.END || chunk.getOp() == ChunkOp.DELETE) {
                continue;
            }
            boolean samePlace = chunk.getPath().equals(path) && java.util.Objects.equals(chunk.getRegion(), region);
            if (!samePlace) {
                if (path != null && region != null && !Regions.isGap(region)) {
                    lineBreak(out);
                    out.append(Directive.regionEnd(path));
                }
                if (!chunk.getPath().equals(path)) {
                    lineBreak(out);
                    out.append(Directive.file(chunk.getPath()));
                }
                path = chunk.getPath();
                region = chunk.getRegion();
                if (region != null && !Regions.isGap(region)) {
                    lineBreak(out);
                    out.append(Directive.regionStart(path, region));
                }
            }
            out.append(chunk.getText());
        }
        if (path != null && region != null && !Regions.isGap(region)) {
            lineBreak(out);
            out.append(Directive.regionEnd(path));
        }
        return out.toString();
    }

    private static void lineBreak(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
