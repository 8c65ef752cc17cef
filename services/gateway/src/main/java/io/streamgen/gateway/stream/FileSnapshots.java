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

    private final Map<String, String> contents = new HashMap<>();
    private final long maxChars;
    private long chars;

    FileSnapshots(long maxChars) {
        this.maxChars = maxChars;
    }

    Outbound snapshot(HubRecord record) {
        FileChanged changed = (FileChanged) record.event().getPayload();
        String path = record.generationId() + '\n' + changed.getPath(); // the firehose follows every generation
        String before = forget(path);
        if (changed.getOp() == FileOp.DELETED) {
            return Outbound.of(record);
        }
        String content = changed.getContent() != null ? changed.getContent()
                : before == null ? null : applied(before, changed.getDiff());
        if (content != null && !sha256(content).equals(changed.getSha256())) {
            content = null; // never send a file that is not the coordinator's
        }
        if (content != null && chars + content.length() <= maxChars) {
            contents.put(path, content);
            chars += content.length();
        }
        return Outbound.snapshot(record, content);
    }

    private String forget(String path) {
        String before = contents.remove(path);
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
