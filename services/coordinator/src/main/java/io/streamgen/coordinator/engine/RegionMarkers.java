package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.source.Directive;
import io.streamgen.source.Regions;

/**
 * A merged file with its region markers written back, in the file's comment syntax (the shared
 * {@link Directive} rendering), for the agents that edit it: the optimiser REPLACEs regions by
 * name, and a role in a later phase sees its own earlier regions. Heads and gaps (text the model
 * wrote outside markers) are written without markers, each ending its line so that the next marker
 * starts a line of its own. Viewers get the content without markers.
 */
final class RegionMarkers {

    private RegionMarkers() {
    }

    static String render(SourceFile file) {
        StringBuilder out = new StringBuilder();
        for (Region region : file.regions) {
            boolean marked = !Regions.isGap(region.name);
            if (marked) {
                out.append(Directive.regionStart(file.path, region.name));
            }
            out.append(region.text);
            if (!region.text.isEmpty() && !region.text.endsWith("\n")) {
                out.append('\n');
            }
            if (marked) {
                out.append(Directive.regionEnd(file.path));
            }
        }
        return out.toString();
    }
}
