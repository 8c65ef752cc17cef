package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.StoredSize;
import io.streamgen.schema.topic.Topics;

/**
 * How big one file and one generation may grow, in stored bytes ({@link StoredSize}). A chunk that
 * would take a file over its limit is rejected and fails its task; one that would take the
 * generation over its limit fails the generation. Never the application: every record the
 * coordinator writes is bounded by one file, and {@link #recordBytes()} is what that bound needs.
 */
public record SizeLimits(long maxFileBytes, long maxGenerationBytes) {

    public static final long MIB = 1024 * 1024;

    public SizeLimits {
        if (maxFileBytes < 1024 || maxGenerationBytes < maxFileBytes) {
            throw new IllegalArgumentException("max-file-bytes must be at least 1 KiB and max-generation-bytes at"
                    + " least max-file-bytes: " + maxFileBytes + ", " + maxGenerationBytes);
        }
        if (recordBytes(maxFileBytes) > Topics.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("max-file-bytes " + StoredSize.say(maxFileBytes) + " needs records of "
                    + StoredSize.say(recordBytes(maxFileBytes)) + "; the topics carry at most "
                    + StoredSize.say(Topics.MAX_MESSAGE_BYTES) + " (Topics.MAX_MESSAGE_BYTES): at most "
                    + StoredSize.say((Topics.MAX_MESSAGE_BYTES - MIB) / 3) + " per file");
        }
    }

    public static SizeLimits defaults() {
        return new SizeLimits(MIB, 64 * MIB);
    }

    /**
     * The largest record written for a file under the limit: its FileChanged event when new (its
     * content and a diff of every line, about twice the content) or a task's output for it (the
     * regions' texts before the task and its versions of other roles' regions), plus room for the
     * record's other fields.
     */
    public long recordBytes() {
        return recordBytes(maxFileBytes);
    }

    /** What a task's context (files it edits, signatures) may take of its AgentTask record. */
    public long taskContextBytes() {
        return maxFileBytes * 2;
    }

    /**
     * Up to this many bytes (content and regions) a checkpoint is published with its files' content,
     * as readers of streamgen.checkpoints expect; beyond it as a manifest. One file's worth, so that
     * even an inline checkpoint is bounded like every other record.
     */
    public long inlineCheckpointBytes() {
        return maxFileBytes;
    }

    private static long recordBytes(long maxFileBytes) {
        return 3 * maxFileBytes + MIB;
    }
}
