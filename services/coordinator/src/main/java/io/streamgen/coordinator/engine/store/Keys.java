package io.streamgen.coordinator.engine.store;

/**
 * The keys of the per-key stores. Generation and task ids hold no '/', so {@code generationId + "/"}
 * is a prefix that only that generation's keys start with; a path (which may hold '/') always comes last.
 */
public final class Keys {

    private Keys() {
    }

    public static String generation(String generationId) {
        return generationId + "/";
    }

    public static String file(String generationId, String path) {
        return generationId + "/" + path;
    }

    public static String pathOf(String generationId, String key) {
        return key.substring(generationId.length() + 1);
    }

    public static String task(String generationId, String taskId) {
        return generationId + "/" + taskId + "/";
    }

    public static String output(String generationId, String taskId, String path) {
        return task(generationId, taskId) + path;
    }

    public static String checkpoint(String generationId, int checkpointId) {
        return generationId + "/" + checkpointId + "/";
    }

    public static String manifest(String generationId, int checkpointId, String path) {
        return checkpoint(generationId, checkpointId) + path;
    }
}
