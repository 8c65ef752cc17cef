package io.streamgen.agent.rederive;

import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.source.Directive;
import io.streamgen.source.Regions;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * superseded attempts are dropped there too), in {@code seq} order, each {@code seq} once, each
 * region's text as the coordinator applied it.
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

    /** One region of one file. */
    private record Place(String path, String region) {
    }

    static String render(List<CodeChunk> attempt) {
        Map<Long, CodeChunk> bySeq = new TreeMap<>();
        attempt.forEach(c -> bySeq.putIfAbsent(c.getSeq(), c));
        // each region's text as the coordinator applied it (APPEND continues it, REPLACE restarts it,
        // DELETE drops it: a rephrased continuation's REPLACE must not follow the text it replaced),
        // the regions in the order they were first written
        Map<Place, StringBuilder> places = new LinkedHashMap<>();
        for (CodeChunk chunk : bySeq.values()) {
            Place place = new Place(chunk.getPath(), chunk.getRegion());
            switch (chunk.getOp()) {
                case END -> { }
                case DELETE -> places.remove(place);
                case REPLACE -> places.computeIfAbsent(place, p -> new StringBuilder()).setLength(0);
                default -> { }
            }
            if (chunk.getOp() == ChunkOp.APPEND || chunk.getOp() == ChunkOp.REPLACE) {
                places.computeIfAbsent(place, p -> new StringBuilder()).append(chunk.getText());
            }
        }
        StringBuilder out = new StringBuilder();
        String path = null;
        for (Map.Entry<Place, StringBuilder> entry : places.entrySet()) {
            Place place = entry.getKey();
            if (!place.path().equals(path)) {
                lineBreak(out);
                out.append(Directive.file(place.path()));
                path = place.path();
            }
            boolean marked = place.region() != null && !Regions.isGap(place.region());
            if (marked) {
                lineBreak(out);
                out.append(Directive.regionStart(path, place.region()));
            }
            out.append(entry.getValue());
            if (marked) {
                lineBreak(out);
                out.append(Directive.regionEnd(path));
            }
        }
        return out.toString();
    }

    private static void lineBreak(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
