package io.streamgen.gateway.stream;

import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The {@code view=files} of one client: the files it was sent, so that each {@code file-changed}
 * (which carries a diff, and the whole file only when it is new) goes out as the whole file. A
 * diff is applied to the last content sent and the result checked against the event's SHA-256;
 * when there is no base (the client resumed mid-generation), the diff does not apply, or the
 * files held pass {@code maxChars}, the snapshot says where to fetch the file instead
 * ({@code contentUrl}), as a coalesced snapshot does.
 */
final class FileSnapshots {

    /** generation id -> path -> the content last sent */
    private final Map<String, Map<String, String>> contents = new HashMap<>();
    private final long maxChars;
    private long chars;

    FileSnapshots(long maxChars) {
        this.maxChars = maxChars;
    }

    Outbound snapshot(HubRecord record) {
        FileChanged changed = (FileChanged) record.event().getPayload();
        // the firehose follows every generation: each has its own files
        Map<String, String> files = contents.computeIfAbsent(record.generationId(), g -> new HashMap<>());
        String path = changed.getPath();
        String before = forget(files, path);
        if (changed.getOp() == FileOp.DELETED) {
            return Outbound.of(record);
        }
        String content = changed.getContent() != null ? changed.getContent()
                : before == null ? null : applied(before, changed.getDiff());
        if (content != null && !sha256(content).equals(changed.getSha256())) {
            content = null; // never send a file that is not the coordinator's
        }
        if (content != null && chars + content.length() <= maxChars) {
            files.put(path, content);
            chars += content.length();
        }
        if (files.isEmpty()) {
            contents.remove(record.generationId());
        }
        return Outbound.snapshot(record, content);
    }

    /**
     * A generation ended: its files are let go, or a firehose client following every generation
     * would fill its bound with finished ones and get only {@code contentUrl}s from then on. A
     * rollback after the end gets {@code contentUrl}s until each file is sent whole again.
     */
    void ended(HubRecord end) {
        Map<String, String> files = contents.remove(end.generationId());
        if (files != null) {
            files.values().forEach(content -> chars -= content.length());
        }
    }

    private String forget(Map<String, String> files, String path) {
        String before = files.remove(path);
        if (before != null) {
            chars -= before.length();
        }
        return before;
    }

    static String applied(String before, String diff) {
        if (diff == null || diff.isEmpty()) {
            return before;
        }
        try {
            // the diff's own last line break ends its last line; it is no further (empty) line of it
            String lines = diff.endsWith("\n") ? diff.substring(0, diff.length() - 1) : diff;
            Patch<String> patch = UnifiedDiffUtils.parseUnifiedDiff(Arrays.asList(lines.split("\n", -1)));
            if (patch.getDeltas().isEmpty()) {
                return null; // not a diff at all
            }
            return String.join("\n", patch.applyTo(lines(before)));
        } catch (PatchFailedException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
