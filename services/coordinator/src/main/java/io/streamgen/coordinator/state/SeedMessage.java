package io.streamgen.coordinator.state;

import io.streamgen.schema.Phase;
import java.util.LinkedHashMap;

/**
 * A record on the coordinator's own seeds topic ({@code <application.id>-seeds}, see
 * {@code CoordinatorTopology#seedsTopic}): how a generation re-derived from a checkpoint of another
 * gets that checkpoint's files, like a foreign-key join. The two generations' ids hash to different
 * partitions, so the new one asks ({@link Kind#REQUEST}, keyed by the source's id) and the task that
 * owns the source answers with one {@link Kind#FILE} per file and then {@link Kind#COMPLETE} (or
 * {@link Kind#FAILED}), keyed by the new id. One file per record: no record holds a generation.
 * Written in Smile like the stores' documents; only the coordinator reads it.
 */
public class SeedMessage {

    public enum Kind { REQUEST, FILE, COMPLETE, FAILED }

    public Kind kind;
    /** The generation re-derived from. */
    public String sourceId;
    /** The new generation. */
    public String targetId;
    public int checkpointId;
    /** FILE: one file of the checkpoint, regions, owners and version as stored. */
    public SourceFile file;
    /** COMPLETE: how many FILE records came before it. */
    public int files;
    /** COMPLETE: the phase the checkpoint was taken in, and its label. */
    public Phase phase;
    public String label;
    /** COMPLETE: the first phase a rollback to the checkpoint runs again; null when none is left. */
    public Phase rerunFrom;
    /** COMPLETE: the source's requirements and announced signatures, as a rollback keeps them. */
    public LinkedHashMap<String, Requirement> requirements = new LinkedHashMap<>();
    public LinkedHashMap<String, GenerationState.ContextItem> context = new LinkedHashMap<>();
    /** FAILED: why. */
    public String reason;

    public SeedMessage() {
    }

    private SeedMessage(Kind kind, String sourceId, String targetId, int checkpointId) {
        this.kind = kind;
        this.sourceId = sourceId;
        this.targetId = targetId;
        this.checkpointId = checkpointId;
    }

    public static SeedMessage request(String sourceId, String targetId, int checkpointId) {
        return new SeedMessage(Kind.REQUEST, sourceId, targetId, checkpointId);
    }

    public SeedMessage file(SourceFile file) {
        SeedMessage message = new SeedMessage(Kind.FILE, sourceId, targetId, checkpointId);
        message.file = file;
        return message;
    }

    public SeedMessage complete(int files, Phase phase, String label, Phase rerunFrom) {
        SeedMessage message = new SeedMessage(Kind.COMPLETE, sourceId, targetId, checkpointId);
        message.files = files;
        message.phase = phase;
        message.label = label;
        message.rerunFrom = rerunFrom;
        return message;
    }

    public SeedMessage failed(String reason) {
        SeedMessage message = new SeedMessage(Kind.FAILED, sourceId, targetId, checkpointId);
        message.reason = reason;
        return message;
    }

    /** The key it travels under: the source's id for the request, the new generation's for the answers. */
    public String key() {
        return kind == Kind.REQUEST ? sourceId : targetId;
    }
}
