package io.streamgen.coordinator.state;

import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;

/** One ordered unit of a file (a {@code // @region NAME} block, or "" for a file without markers). */
public class Region {
    public String name;
    public Role owner;
    public Phase phase;
    public int version;
    public String text = "";
    public boolean userEdited;
    public String lastTaskId;
    public int lastAttempt;

    public Region() {
    }

    public Region(String name, Role owner, Phase phase) {
        this.name = name;
        this.owner = owner;
        this.phase = phase;
    }

    public Region copy() {
        Region copy = new Region(name, owner, phase);
        copy.version = version;
        copy.text = text;
        copy.userEdited = userEdited;
        copy.lastTaskId = lastTaskId;
        copy.lastAttempt = lastAttempt;
        return copy;
    }
}
