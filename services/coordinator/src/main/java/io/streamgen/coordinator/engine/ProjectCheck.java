package io.streamgen.coordinator.engine;

import io.streamgen.source.SyntaxCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Whether a generation's merged files make a whole project: every file whose language is checked parses. */
final class ProjectCheck {

    private ProjectCheck() {
    }

    /** The files that do not parse, each as {@code path: line L, column C: message}, in path order. */
    static List<String> unparsable(GenerationFiles files) {
        TreeMap<String, String> broken = new TreeMap<>();
        files.forEach((path, file) -> SyntaxCheck.problem(path, file.content())
                .ifPresent(problem -> broken.put(path, path + ": " + problem)));
        return new ArrayList<>(broken.values());
    }
}
