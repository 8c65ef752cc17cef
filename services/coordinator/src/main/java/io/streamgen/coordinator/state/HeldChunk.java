package io.streamgen.coordinator.state;

import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;

/** A chunk that arrived ahead of a gap in its task's sequence, kept until the gap is filled. */
public class HeldChunk {
    public long seq;
    public String path;
    public String region;
    public ChunkOp op;
    public String text;
    public boolean statementComplete;
    public int tokenCount;
    public long producedAt;
    /** The model that wrote it, for the analytics' tokens per role and model. */
    public String model;
    /** On END: how many distinct bus messages the attempt sent (0 from writers that did not count them). */
    public int announcements;
    /** Refused where it entered (its path): it keeps its place in the sequence and writes nothing. */
    public boolean rejected;

    public static HeldChunk of(CodeChunk chunk) {
        HeldChunk held = new HeldChunk();
        held.seq = chunk.getSeq();
        held.path = chunk.getPath();
        held.region = chunk.getRegion();
        held.op = chunk.getOp();
        held.text = chunk.getText();
        held.statementComplete = chunk.getStatementComplete();
        held.tokenCount = chunk.getTokenCount();
        held.producedAt = chunk.getProducedAt().toEpochMilli();
        held.model = chunk.getModel();
        held.announcements = chunk.getAnnouncements();
        return held;
    }
}
