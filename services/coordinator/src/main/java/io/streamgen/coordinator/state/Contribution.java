package io.streamgen.coordinator.state;

/**
 * What a task wrote into a region another role owns. It is collected until the task's END chunk
 * and then merged by the generation's strategy, because a merge needs the whole incoming text.
 */
public class Contribution {
    public String path;
    public String region;
    /** The task's whole version of the region. */
    public String text = "";
    public boolean delete;

    public Contribution() {
    }

    public Contribution(String path, String region) {
        this.path = path;
        this.region = region;
    }
}
