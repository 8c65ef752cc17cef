package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.source.SyntaxCheck;
import java.util.ArrayList;
import java.util.List;

/** Whether a generation's merged files make a whole project: every file whose language is checked parses. */
final class ProjectCheck {

    private ProjectCheck() {
    }

    /** The files that do not parse, each as {@code path: line L, column C: message}, in path order. */
    static List<String> unparsable(FileSet files) {
        List<String> broken = new ArrayList<>();
        files.files.keySet().stream().sorted().forEach(path -> SyntaxCheck.problem(path, files.files.get(path).content())
                .ifPresent(problem -> broken.add(path + ": " + problem)));
        return broken;
    }
}
