package io.streamgen.agent.output;

import io.streamgen.source.Directive;
import io.streamgen.source.Regions;
import io.streamgen.source.SourceLanguage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Splits a model's streamed answer into files and regions, accepting what models really write
 * (DESIGN §4 "Output intake is tolerant"). The protocol asks for {@code // @file PATH} and
 * {@code @region NAME} … {@code @endregion} lines; besides those, the router understands Markdown
 * fences (``` or ~~~, any info string, a path in it), a path on a header line just before a fence
 * ({@code **x**}, {@code ### x}, {@code `x`:}, {@code File: x}) or on the fence's first line
 * ({@code // File: x}), prose around and between the code (never written into a file), CRLF, a
 * region left open (closed by the next marker or the end of the file), and code outside regions
 * (it keeps its place: the file's head, or the gap after the region before it). An answer that
 * names no file goes to the role's default file. Every other character reaches the listener, tagged
 * with its file and region, as soon as it is known not to start a directive.
 */
public final class OutputRouter {

    /** Receives the routed text. A null region is the file's head (or the whole of a file without markers). */
    public interface Listener {
        void text(String path, String region, String text, int tokens);

        /** A region (or, with a null region, a file's head) is complete. */
        void regionEnd(String path, String region);

        /** A region was opened by a marker (not called for heads and gaps). */
        default void regionStart(String path, String region) {
        }
    }

    private final Listener listener;
    /** The role's file for a language (or for none), when the answer names no file. */
    private final Function<Optional<SourceLanguage>, Optional<String>> defaultFile;
    private final StringBuilder line = new StringBuilder();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> lastRegion = new HashMap<>();
    /** Lines outside any fence, before any file: prose, unless the whole answer turns out to be bare code. */
    private final List<String> unplaced = new ArrayList<>();
    /** Prose-looking lines in unfenced code: code if more code follows, prose if a marker or the end does. */
    private final List<String> doubtful = new ArrayList<>();
    private int doubtfulTokens;

    private boolean holding = true;
    private int heldTokens;
    private String path;
    private String region;
    /** The head or gap region text outside markers currently goes to (null for the head). */
    private String gap;
    private boolean gapOpen;

    private String fence; // the opening fence's marker while inside one
    private Optional<SourceLanguage> fenceLanguage = Optional.empty();
    private boolean fenceFirstLine;
    private boolean sawFence;
    private boolean codeOutside; // after a marker outside any fence: unfenced code follows
    private String pendingPath;
    private boolean routedAny;
    /**
     * A continuation's first lines, before its first marker or fence, are held whatever they look
     * like: a model that restarts its answer opens with prose (in any file's language), one that
     * continues goes on with code. The first fence or {@code @file}/{@code @region} tells which.
     */
    private boolean resumeHold;
    private static final int RESUME_HOLD_LINES = 12;
    private long proseChars;

    public OutputRouter(Listener listener) {
        this(listener, language -> Optional.empty());
    }

    public OutputRouter(Listener listener, Function<Optional<SourceLanguage>, Optional<String>> defaultFile) {
        this.listener = listener;
        this.defaultFile = defaultFile;
    }

    /**
     * Continue an interrupted answer: text before the first marker belongs to {@code path} and
     * {@code region}, where the earlier stream stopped.
     */
    public OutputRouter resumingAt(String resumePath, String resumeRegion) {
        this.path = resumePath;
        this.region = resumeRegion;
        this.codeOutside = resumePath != null;
        this.routedAny = resumePath != null;
        this.resumeHold = resumePath != null;
        return this;
    }

    /** One token of the model's answer. */
    public void accept(String token) {
        String text = token.indexOf('\r') < 0 ? token : token.replace("\r", "");
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                take(text.substring(start, i + 1), i == text.length() - 1 ? 1 : 0);
                start = i + 1;
            }
        }
        if (start < text.length()) {
            take(text.substring(start), 1);
        } else if (text.isEmpty()) {
            heldTokens++;
        }
    }

    /** The answer is complete: close what is open; a bare-code answer goes to the default file. */
    public void finish() {
        if (!line.isEmpty()) {
            line.append('\n');
            endLine();
        }
        if (resumeHold) {
            endResumeHold(false);
        }
        dropDoubtful();
        if (!routedAny && !unplaced.isEmpty()) {
            placeUnplaced();
        } else {
            unplaced.forEach(l -> proseChars += l.length());
        }
        unplaced.clear();
        closeFile();
        if (proseChars > 0) {
            notes.add("left out " + proseChars + " characters of prose around the code");
        }
    }

    /** What the router noticed: prose left out, a file nobody named. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public String currentPath() {
        return path;
    }

    /** The region text currently goes to (a gap's name outside markers, null for the head). */
    public String currentRegion() {
        return region != null ? region : gap;
    }

    private void take(String piece, int tokens) {
        if (holding) {
            line.append(piece);
            heldTokens += tokens;
            if (piece.endsWith("\n")) {
                endLine();
            } else if (!mayBeSpecial(line)) {
                holding = false;
                code(line.toString(), heldTokens);
                line.setLength(0);
                heldTokens = 0;
            }
        } else {
            code(piece, tokens);
            if (piece.endsWith("\n")) {
                holding = true;
            }
        }
    }

    /** Whether a partial line must be held until it is complete: it may be a marker, a fence, a header or prose. */
    private boolean mayBeSpecial(CharSequence partial) {
        if (!inCode() || resumeHold) {
            return true; // outside code every line is classified whole
        }
        String s = partial.toString().stripLeading();
        if (s.isEmpty() || Directive.mayStart(s) || fenceFirstLine && fence != null) {
            return true;
        }
        if ("```".startsWith(s.length() > 3 ? s.substring(0, 3) : s) || "~~~".startsWith(s.length() > 3 ? s.substring(0, 3) : s)) {
            return true;
        }
        return fence == null && ProseLines.mayStartProse(s, languageOfPath());
    }

    private boolean inCode() {
        return fence != null || codeOutside && path != null;
    }

    private void endLine() {
        String text = line.toString();
        int tokens = heldTokens;
        line.setLength(0);
        heldTokens = 0;
        holding = true;
        Optional<Directive> directive = Directive.parse(text);
        if (directive.isPresent()) {
            if (resumeHold) {
                endResumeHold(directive.get().kind() != Directive.Kind.END_REGION);
            }
            dropDoubtful();
            apply(directive.get());
            return;
        }
        Optional<Fences.Fence> fenceLine = Fences.parse(text);
        if (fenceLine.isPresent() && (fence == null || fenceLine.get().closes(fence))) {
            if (resumeHold && endResumeHold(true) && path != null) {
                // a restarted answer's fence holds the file from its top: back to the file's head
                closeRegion();
                closeGap();
                lastRegion.remove(path);
            }
            dropDoubtful();
            if (fence == null) {
                openFence(fenceLine.get());
            } else {
                fence = null;
                codeOutside = false;
            }
            return;
        }
        if (fence != null) {
            if (fenceFirstLine && !text.isBlank()) {
                fenceFirstLine = false;
                Optional<String> named = Headers.inFence(text);
                if (named.isPresent()) {
                    switchFile(named.get());
                    return;
                }
            }
            code(text, tokens);
            return;
        }
        if (resumeHold) {
            doubtful.add(text);
            doubtfulTokens += tokens;
            Headers.beforeFence(text).ifPresent(named -> pendingPath = named);
            if (doubtful.stream().filter(l -> !l.isBlank()).count() >= RESUME_HOLD_LINES) {
                endResumeHold(false);
            }
            return;
        }
        if (codeOutside && path != null) {
            boolean prose = ProseLines.isProse(text, languageOfPath());
            if (prose || !doubtful.isEmpty() && text.isBlank()) {
                // prose, or a blank line after it: code if more code follows, else left out
                doubtful.add(text);
                doubtfulTokens += tokens;
                if (prose) {
                    Headers.beforeFence(text).ifPresent(named -> pendingPath = named);
                }
                return;
            }
            code(text, tokens);
            return;
        }
        Optional<String> header = Headers.beforeFence(text);
        if (header.isPresent()) {
            pendingPath = header.get();
            return;
        }
        if (!sawFence && !routedAny) {
            unplaced.add(text);
        } else {
            proseChars += text.strip().length();
        }
    }

    private void apply(Directive directive) {
        switch (directive.kind()) {
            case FILE -> {
                switchFile(directive.argument());
                if (fence == null) {
                    codeOutside = true;
                }
                dropUnplaced();
            }
            case REGION -> {
                if (path == null) {
                    Optional<String> fallback = fallbackFile();
                    if (fallback.isEmpty()) {
                        return;
                    }
                    openFile(fallback.get());
                }
                closeRegion();
                closeGap();
                region = directive.argument();
                listener.regionStart(path, region);
                if (fence == null) {
                    codeOutside = true;
                }
                dropUnplaced();
            }
            default -> closeRegion();
        }
    }

    private void openFence(Fences.Fence opened) {
        fence = opened.marker();
        fenceFirstLine = true;
        fenceLanguage = opened.language();
        sawFence = true;
        codeOutside = false;
        dropUnplaced();
        Optional<String> named = opened.path().or(() -> Optional.ofNullable(pendingPath));
        pendingPath = null;
        if (named.isPresent()) {
            switchFile(named.get());
        } else if (path != null && fenceLanguage.isPresent() && fenceLanguage.get() != languageOfPath()) {
            // a new fence in another language, with no file named: the role's file for that language
            defaultFile.apply(fenceLanguage).filter(p -> !p.equals(path)).ifPresent(this::switchFile);
        }
    }

    /**
     * The continuation showed what it is. At a restart (a fence, {@code @file} or {@code @region}),
     * held lines that all read as prose or file headers are left out; otherwise, and when it simply
     * went on, they are the interrupted region's code.
     */
    private boolean endResumeHold(boolean restartSignal) {
        resumeHold = false;
        boolean prose = doubtful.stream().filter(l -> !l.isBlank())
                .allMatch(l -> ProseLines.isProse(l, SourceLanguage.JAVASCRIPT) || Headers.beforeFence(l).isPresent());
        if (restartSignal && prose) {
            return true; // a restart: the caller drops the held lines with the other doubtful ones
        }
        pendingPath = null;
        flushDoubtful();
        return false;
    }

    private void flushDoubtful() {
        List<String> lines = new ArrayList<>(doubtful);
        int held = doubtfulTokens;
        doubtful.clear();
        doubtfulTokens = 0;
        for (int i = 0; i < lines.size(); i++) {
            route(lines.get(i), i == lines.size() - 1 ? held : 0);
        }
    }

    /** Text that belongs to the current file and region (or to the default file when none is named yet). */
    private void code(String text, int tokens) {
        if (!doubtful.isEmpty()) {
            pendingPath = null; // the lines it came from were code after all
            List<String> lines = new ArrayList<>(doubtful);
            int held = doubtfulTokens;
            doubtful.clear();
            doubtfulTokens = 0;
            for (String l : lines) {
                route(l, 0);
            }
            tokens += held;
        }
        if (path == null) {
            if (fence == null) {
                unplaced.add(text);
                return;
            }
            Optional<String> fallback = fallbackFile();
            if (fallback.isEmpty()) {
                proseChars += text.length();
                return;
            }
            openFile(fallback.get());
        }
        route(text, tokens);
    }

    private void route(String text, int tokens) {
        if (region == null) {
            String name = Regions.gapAfter(lastRegion.get(path));
            if (!gapOpen || !java.util.Objects.equals(gap, name.isEmpty() ? null : name)) {
                closeGap();
                gap = name.isEmpty() ? null : name;
                gapOpen = true;
            }
        }
        routedAny = true;
        listener.text(path, region != null ? region : gap, text, tokens);
    }

    private Optional<String> fallbackFile() {
        Optional<String> file = defaultFile.apply(fenceLanguage);
        if (file.isPresent()) {
            notes.add("no file named in the answer: wrote it to " + file.get());
        } else {
            notes.add("no file named in the answer, and this role has no file of its own: left it out");
        }
        return file;
    }

    private void placeUnplaced() {
        List<String> lines = ProseLines.trim(unplaced, Optional.empty());
        int dropped = unplaced.stream().mapToInt(String::length).sum() - lines.stream().mapToInt(String::length).sum();
        proseChars += dropped;
        if (lines.stream().allMatch(String::isBlank)) {
            return;
        }
        Optional<String> fallback = fallbackFile();
        if (fallback.isEmpty()) {
            return;
        }
        openFile(fallback.get());
        lines.forEach(l -> route(l, 0));
    }

    private void dropUnplaced() {
        unplaced.forEach(l -> proseChars += l.strip().length());
        unplaced.clear();
    }

    private void dropDoubtful() {
        doubtful.forEach(l -> proseChars += l.strip().length());
        doubtful.clear();
        doubtfulTokens = 0;
    }

    private void switchFile(String named) {
        String normalised = Headers.normalisePath(named);
        if (normalised.equals(path)) {
            // the file named again: what follows starts at its head (a model restarting it), not in the open region
            closeRegion();
            closeGap();
            lastRegion.remove(path);
            return;
        }
        closeFile();
        openFile(normalised);
    }

    private void openFile(String newPath) {
        lastRegion.remove(newPath); // a file named again starts at its head (a model restarting it)
        path = newPath;
        region = null;
        gap = null;
        gapOpen = false;
    }

    private void closeRegion() {
        if (region != null) {
            listener.regionEnd(path, region);
            lastRegion.put(path, region);
            region = null;
        }
    }

    private void closeGap() {
        if (gapOpen) {
            listener.regionEnd(path, gap);
            gapOpen = false;
            gap = null;
        }
    }

    private void closeFile() {
        if (path != null) {
            closeRegion();
            closeGap();
        }
    }

    private SourceLanguage languageOfPath() {
        return SourceLanguage.forPath(path);
    }
}
