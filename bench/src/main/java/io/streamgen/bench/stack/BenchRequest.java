package io.streamgen.bench.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The generation every measurement asks for: the template model's app for {@code prompt} (or for a
 * blueprint of {@code entities} generated entities), with {@code parallel}, {@code preview} (so that
 * agents' chunks reach clients as {@code draft-chunk} events), {@code optimize} and {@code test}, and
 * chunks of {@code bufferSize} tokens.
 */
record BenchRequest(String prompt, int bufferSize, int entities) {

    static final String PROMPT = "a recipe manager with ingredients, tags and cooking time";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELD_TYPES = List.of("string", "number", "boolean", "date");

    static BenchRequest standard(int bufferSize) {
        return new BenchRequest(PROMPT, bufferSize, 0);
    }

    /** A big app: a blueprint of {@code entities} entities of six fields each. */
    static BenchRequest big(int bufferSize, int entities) {
        return new BenchRequest("an inventory of many kinds of things", bufferSize, entities);
    }

    /** The body of {@code POST /api/generations}. */
    String json(String generationId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("generationId", generationId);
        body.put("prompt", prompt);
        body.put("requestedBy", "bench");
        ObjectNode flags = body.putObject("flags");
        flags.put("parallel", true);
        flags.put("preview", true);
        flags.put("optimize", true);
        flags.put("test", true);
        flags.put("checkpoint", false);
        flags.put("verbose", false);
        flags.put("bufferSize", bufferSize);
        if (entities > 0) {
            ObjectNode blueprint = body.putObject("blueprint");
            blueprint.put("appName", "Inventory");
            ArrayNode list = blueprint.putArray("entities");
            for (int e = 0; e < entities; e++) {
                ObjectNode entity = list.addObject();
                entity.put("name", "Item" + e);
                ArrayNode fields = entity.putArray("fields");
                for (int f = 0; f < 6; f++) {
                    ObjectNode field = fields.addObject();
                    field.put("name", "field" + f);
                    field.put("type", FIELD_TYPES.get(f % FIELD_TYPES.size()));
                }
            }
        }
        return body.toString();
    }
}
