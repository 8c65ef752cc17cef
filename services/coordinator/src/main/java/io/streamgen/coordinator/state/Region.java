package io.streamgen.coordinator.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;

/** One ordered unit of a file (a {@code // @region NAME} block, or "" for a file without markers). */
public class Region {
    public String name;
    public Role owner;
    public Phase phase;
    public int version;
    /** Read freely; written only through {@link #setText}, which keeps {@link #bytes} in step. */
    public String text = "";
    public boolean userEdited;
    public String lastTaskId;
    public int lastAttempt;
    /** The stored size of {@link #text} ({@link StoredSize}); derived, so not stored itself. */
    public transient int bytes;

    public Region() {
    }

    public Region(String name, Role owner, Phase phase) {
        this.name = name;
        this.owner = owner;
        this.phase = phase;
    }

    @JsonProperty("text")
    public void setText(String text) {
        this.text = text == null ? "" : text;
        this.bytes = StoredSize.of(this.text);
    }

    /** Appends {@code more}: counts only what is added, so that a chunk costs its own size. */
    public void appendText(String more) {
        this.text = this.text + more;
        this.bytes += StoredSize.of(more);
    }

    /** What the region adds to its file's stored size: its text, its name and a fixed share for its fields. */
    public long weight() {
        return bytes + StoredSize.of(name) + StoredSize.PER_REGION;
    }

    public Region copy() {
        Region copy = new Region(name, owner, phase);
        copy.version = version;
        copy.text = text;
        copy.bytes = bytes;
        copy.userEdited = userEdited;
        copy.lastTaskId = lastTaskId;
        copy.lastAttempt = lastAttempt;
        return copy;
    }
}
