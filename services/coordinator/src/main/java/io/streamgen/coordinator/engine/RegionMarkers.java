package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import java.util.Locale;

/**
 * A merged file with its region markers written back, in the file's comment syntax, for the agents
 * that edit it (the optimiser REPLACEs regions by name). Viewers get the content without markers.
 */
final class RegionMarkers {

    private RegionMarkers() {
    }

    static String render(SourceFile file) {
        String[] comment = comment(file.path);
        StringBuilder out = new StringBuilder();
        for (Region region : file.regions) {
            if (region.name.isEmpty()) {
                out.append(region.text);
                continue;
            }
            out.append(comment[0]).append("@region ").append(region.name).append(comment[1]).append('\n');
            out.append(region.text);
            if (!region.text.isEmpty() && !region.text.endsWith("\n")) {
                out.append('\n');
            }
            out.append(comment[0]).append("@endregion").append(comment[1]).append('\n');
        }
        return out.toString();
    }

    private static String[] comment(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html") || lower.endsWith(".htm") || lower.endsWith(".xml") || lower.endsWith(".svg")
                || lower.endsWith(".md")) {
            return new String[] {"<!-- ", " -->"};
        }
        if (lower.endsWith(".css")) {
            return new String[] {"/* ", " */"};
        }
        if (lower.endsWith(".py") || lower.endsWith(".sh") || lower.endsWith(".yml") || lower.endsWith(".yaml")
                || lower.endsWith(".toml") || lower.endsWith(".rb")) {
            return new String[] {"# ", ""};
        }
        return new String[] {"// ", ""};
    }
}
