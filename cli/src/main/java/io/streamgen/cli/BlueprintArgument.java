package io.streamgen.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgen.schema.Blueprint;
import io.streamgen.schema.Entity;
import io.streamgen.schema.EntityField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --blueprint}: a JSON file, or the JSON itself inline (anything starting with {@code {}).
 * Read as people write it (missing {@code type} is a string, missing {@code required} is true), and
 * every mistake is one line that says where and what to do, as a {@link UsageException}.
 */
final class BlueprintArgument {

    static final String SHAPE = "{\"appName\": \"…\", \"entities\": [{\"name\": \"…\", \"fields\": [{\"name\": \"…\","
            + " \"type\": \"string\", \"required\": true}]}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BlueprintArgument() {
    }

    static Blueprint parse(String argument) {
        String text = argument.strip();
        String source = "the inline blueprint";
        if (!text.startsWith("{")) {
            Path file = Path.of(argument);
            source = file.toString();
            try {
                text = Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new UsageException("--blueprint: no such file: " + file + " (give a JSON file, or the JSON itself"
                        + " starting with '{')");
            } catch (IOException e) {
                throw new UsageException("--blueprint: cannot read " + file + ": " + e.getMessage());
            }
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UsageException("--blueprint: " + source + " is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + "); expected " + SHAPE);
        }
        if (root == null || !root.isObject()) {
            throw new UsageException("--blueprint: " + source + " must be a JSON object: " + SHAPE);
        }
        String appName = text(root, "appName", "appName", source);
        List<Entity> entities = new ArrayList<>();
        JsonNode entityNodes = root.path("entities");
        if (!entityNodes.isMissingNode() && !entityNodes.isArray()) {
            throw new UsageException("--blueprint: entities in " + source + " must be an array: " + SHAPE);
        }
        for (int i = 0; i < entityNodes.size(); i++) {
            String at = "entities[" + i + "]";
            JsonNode entity = entityNodes.get(i);
            List<EntityField> fields = new ArrayList<>();
            JsonNode fieldNodes = entity.path("fields");
            if (!fieldNodes.isMissingNode() && !fieldNodes.isArray()) {
                throw new UsageException("--blueprint: " + at + ".fields in " + source + " must be an array");
            }
            for (int j = 0; j < fieldNodes.size(); j++) {
                JsonNode field = fieldNodes.get(j);
                String fieldAt = at + ".fields[" + j + "]";
                JsonNode required = field.path("required");
                if (!required.isMissingNode() && !required.isBoolean()) {
                    throw new UsageException("--blueprint: " + fieldAt + ".required in " + source + " must be true or false");
                }
                fields.add(EntityField.newBuilder().setName(text(field, "name", fieldAt + ".name", source))
                        .setType(field.hasNonNull("type") ? text(field, "type", fieldAt + ".type", source) : "string")
                        .setRequired(required.isMissingNode() || required.asBoolean()).build());
            }
            entities.add(Entity.newBuilder().setName(text(entity, "name", at + ".name", source)).setFields(fields).build());
        }
        return Blueprint.newBuilder().setAppName(appName).setEntities(entities).build();
    }

    private static String text(JsonNode node, String field, String at, String source) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new UsageException("--blueprint: " + at + " in " + source + " must be a non-empty string");
        }
        return value.asText();
    }
}
