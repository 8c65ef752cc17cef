package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The sha256 of a stored file version, everything a rollback restores included (regions, owners,
 * phases, versions, user edits): the key of the version in the blobs store, so that a file
 * unchanged since the last checkpoint is stored once.
 */
final class FileDigest {

    private FileDigest() {
    }

    static String of(SourceFile file) {
        MessageDigest digest = sha256();
        field(digest, file.path);
        field(digest, file.version + "/" + file.userEdited + "/" + file.regions.size());
        for (Region region : file.regions) {
            field(digest, region.name);
            field(digest, region.owner + "/" + region.phase + "/" + region.version + "/" + region.userEdited + "/"
                    + region.lastTaskId + "/" + region.lastAttempt);
            field(digest, region.text);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Length-prefixed, so that no two different files hash the same bytes. */
    private static void field(MessageDigest digest, String value) {
        byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
