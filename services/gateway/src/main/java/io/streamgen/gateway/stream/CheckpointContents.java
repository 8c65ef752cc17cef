package io.streamgen.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgen.gateway.api.Coordinator;
import io.streamgen.gateway.api.ProblemException;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.CheckpointFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint with every file's content. A big generation's checkpoint is published as a manifest
 * (content null, DESIGN §5): the content of those files comes from the coordinator, which keeps each
 * version by its sha256; a version the coordinator no longer has is an error, never an empty file.
 */
@ApplicationScoped
public class CheckpointContents {

    @Inject
    Coordinator coordinator;

    @Inject
    ObjectMapper mapper;

    public Checkpoint complete(Checkpoint checkpoint) {
        if (checkpoint.getFiles().values().stream().allMatch(file -> file.getContent() != null)) {
            return checkpoint;
        }
        JsonNode served;
        try {
            served = mapper.readTree(coordinator.checkpoint(checkpoint.getGenerationId(), checkpoint.getCheckpointId()))
                    .path("files");
        } catch (IOException e) {
            throw new ProblemException(502, "Bad Gateway", "the coordinator's checkpoint did not parse: " + e.getMessage());
        }
        Map<String, CheckpointFile> files = new LinkedHashMap<>();
        for (Map.Entry<String, CheckpointFile> entry : checkpoint.getFiles().entrySet()) {
            CheckpointFile file = entry.getValue();
            if (file.getContent() == null) {
                JsonNode content = served.path(entry.getKey());
                if (!content.path("content").isTextual() || !file.getSha256().equals(content.path("sha256").asText())) {
                    throw new NotFoundException("generation " + checkpoint.getGenerationId() + " checkpoint "
                            + checkpoint.getCheckpointId() + ": the coordinator no longer has " + entry.getKey()
                            + " at sha256 " + file.getSha256());
                }
                file = CheckpointFile.newBuilder().setContent(content.path("content").asText()).setVersion(file.getVersion())
                        .setSha256(file.getSha256()).setRegions(file.getRegions()).build();
            }
            files.put(entry.getKey(), file);
        }
        return Checkpoint.newBuilder().setGenerationId(checkpoint.getGenerationId())
                .setCheckpointId(checkpoint.getCheckpointId()).setPhase(checkpoint.getPhase())
                .setLabel(checkpoint.getLabel()).setFiles(files).setCreatedAt(checkpoint.getCreatedAt()).build();
    }
}
