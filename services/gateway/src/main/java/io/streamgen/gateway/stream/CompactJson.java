package io.streamgen.gateway.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compact encoding for high-rate clients ({@code ?encoding=compact}, docs/events.md): one
 * letter per field and nothing twice. {@code i} id, {@code g} generation, {@code t} type,
 * {@code a} agent, {@code x} progress, {@code c} content (a draft's text, a file's whole content,
 * an event's summary), {@code d} a file's diff when it is not whole, {@code p} path, {@code v}
 * version, {@code s} snapshot, {@code u} where to fetch a file. The full encoding's
 * {@code payload} and {@code metadata} are left out; a client that needs them asks for the full one.
 */
final class CompactJson {

    private CompactJson() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "i", body.get("id"));
        put(out, "g", body.get("generationId"));
        put(out, "t", body.get("type"));
        put(out, "a", body.get("agentId"));
        Object progress = body.get("progress");
        if (progress instanceof Number n && n.doubleValue() != 0) {
            out.put("x", Math.round(n.doubleValue() * 1000) / 1000.0);
        }
        Map<String, Object> payload = body.get("payload") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        if ("file-changed".equals(body.get("type"))) {
            Object content = payload.containsKey("content") ? payload.get("content") : body.get("content");
            if (content != null) {
                out.put("c", content);
            } else {
                put(out, "d", payload.get("diff"));
            }
            put(out, "p", payload.get("path"));
            put(out, "v", payload.get("version"));
        } else {
            put(out, "c", body.get("content"));
            put(out, "p", payload.get("path"));
        }
        if (Boolean.TRUE.equals(body.get("snapshot"))) {
            out.put("s", true);
        }
        put(out, "u", body.get("contentUrl"));
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isEmpty())) {
            out.put(key, value);
        }
    }
}
