package io.streamgen.agent.template;

import io.streamgen.agent.output.OutputRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies answers the way the coordinator merges chunks under phase priority, for tests: per file,
 * regions in order of first appearance; a later task writing a region replaces what was there.
 */
public final class ProjectAssembler {

    private final Map<String, Map<String, StringBuilder>> files = new LinkedHashMap<>();

    public ProjectAssembler add(String answer) {
        java.util.Set<String> touched = new java.util.HashSet<>();
        OutputRouter router = new OutputRouter(new OutputRouter.Listener() {
            @Override
            public void text(String path, String region, String text, int tokens) {
                if (region == null && text.isBlank()) {
                    return;
                }
                String name = region == null ? "" : region;
                Map<String, StringBuilder> regions = files.computeIfAbsent(path, p -> new LinkedHashMap<>());
                if (touched.add(path + "/" + name)) {
                    regions.put(name, new StringBuilder());
                }
                regions.computeIfAbsent(name, r -> new StringBuilder()).append(text);
            }

            @Override
            public void regionEnd(String path, String region) {
            }
        });
        router.accept(answer);
        router.finish();
        return this;
    }

    public Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, regions) -> out.put(path, String.join("", regions.values())));
        return out;
    }

    public void writeTo(Path dir) throws IOException {
        for (Map.Entry<String, String> file : files().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent() == null ? dir : target.getParent());
            Files.writeString(target, file.getValue());
        }
    }
}
