package io.streamgen.coordinator.state;

/**
 * One file of a checkpoint's manifest (store key {@code generationId/checkpointId/path}): the file's
 * version, the sha256 of its content, and the key of its stored version in the blobs store (the
 * sha256 of the whole stored file, regions and owners included), shared by every checkpoint in
 * which the file is unchanged.
 */
public class ManifestEntry {
    public String path;
    public int version;
    public String sha256;
    public String blob;
    public long bytes;

    public ManifestEntry() {
    }

    public ManifestEntry(String path, int version, String sha256, String blob, long bytes) {
        this.path = path;
        this.version = version;
        this.sha256 = sha256;
        this.blob = blob;
        this.bytes = bytes;
    }
}
