package io.streamgen.agent.model;

import dev.langchain4j.exception.ModelNotFoundException;
import io.streamgen.agent.prompt.TaskCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The recordings under a directory (every {@code *.jsonl} below it, e.g. one generation's folder or
 * the whole record directory), and which one answers a request. A recording answers a request of
 * the same task-card role and phase; among those it prefers, in this order: the same messages, the
 * same last user message, the least used one (so a retry after a recorded failure gets the
 * recorded retry), the most similar last user message, the earliest recorded.
 */
final class RecordingLibrary {

    private static final Logger LOG = Logger.getLogger(RecordingLibrary.class);

    private final Path dir;
    private final List<Entry> recordings;
    private final Map<Entry, Integer> uses = new IdentityHashMap<>();

    private RecordingLibrary(Path dir, List<Entry> recordings) {
        this.dir = dir;
        this.recordings = recordings;
    }

    /** A recording with what matching reads from it, worked out once. */
    private record Entry(Recording recording, TaskCard card, String lastUser, Set<String> words) {
        static Entry of(Recording recording) {
            return new Entry(recording, recording.card().orElse(null), recording.lastUserMessage(),
                    RecordingLibrary.words(recording.lastUserMessage()));
        }
    }

    static RecordingLibrary load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the replay directory " + dir.toAbsolutePath() + " does not exist"
                    + " (streamgen.llm.replay-dir, STREAMGEN_LLM_REPLAY_DIR)");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Entry> recordings = files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .filter(Files::isRegularFile).sorted().map(RecordingLibrary::readOrSkip)
                    .flatMap(java.util.Optional::stream)
                    .sorted(Comparator.comparing(Recording::at).thenComparing(Recording::file)).map(Entry::of).toList();
            LOG.infof("replaying from %s: %d recordings", dir, recordings.size());
            return new RecordingLibrary(dir, recordings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the replay directory " + dir, e);
        }
    }

    int size() {
        return recordings.size();
    }

    /** The recording that answers this request, now counted as used once more. */
    synchronized Recording take(List<RecordedMessage> request) {
        TaskCard card = Recording.cardOf(request).orElseThrow(() -> new NoRecordingException(
                "the replay model needs a <streamgen-task> card in the prompt to find a recording in " + dir.toAbsolutePath()));
        String lastUser = Recording.lastUserMessage(request);
        Set<String> words = words(lastUser);
        Comparator<Entry> best = Comparator
                .comparingInt((Entry e) -> e.recording().messages().equals(request) ? 2 : e.lastUser().equals(lastUser) ? 1 : 0)
                .reversed()
                .thenComparingInt(e -> uses.getOrDefault(e, 0))
                .thenComparing(Comparator.comparingDouble((Entry e) -> similarity(words, e.words())).reversed());
        Entry chosen = recordings.stream()
                .filter(e -> e.card() != null && e.card().role() == card.role() && e.card().phase() == card.phase())
                .min(best) // ties go to the earliest recorded: the list is in recording order
                .orElseThrow(() -> new NoRecordingException("no recording in " + dir.toAbsolutePath() + " for role "
                        + card.role() + " and phase " + card.phase() + " (it holds " + recordings.size() + ": "
                        + available() + ")"));
        uses.merge(chosen, 1, Integer::sum);
        return chosen.recording();
    }

    private String available() {
        Set<String> kinds = new TreeSet<>();
        recordings.stream().map(Entry::card).filter(java.util.Objects::nonNull)
                .forEach(c -> kinds.add(c.role() + "/" + c.phase()));
        return kinds.isEmpty() ? "none with a task card" : String.join(", ", kinds);
    }

    private static java.util.Optional<Recording> readOrSkip(Path file) {
        try {
            return java.util.Optional.of(Recording.read(file));
        } catch (RuntimeException e) {
            LOG.warnf("skipping %s: %s", file, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static Set<String> words(String text) {
        return Tokens.split(text).stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Jaccard similarity of two word sets: 1 for the same words, 0 for none in common. */
    private static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        long common = a.stream().filter(b::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }

    /**
     * No recording answers the request. A {@link ModelNotFoundException}, so that the agent fails
     * the task at once with this message instead of asking again for what is not there.
     */
    static final class NoRecordingException extends ModelNotFoundException {
        NoRecordingException(String message) {
            super(message);
        }
    }
}
