package io.streamgen.gateway.stream;

import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.FileChanged;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing to send to a client: an event of the topic, a coalesced snapshot standing for several,
 * a notice, or a keep-alive comment. Bodies of topic events are shared between clients.
 */
public final class Outbound {

    private final String id;
    private final String type;
    private final Map<String, Object> body;
    private final String coalesceKey;
    private final boolean terminal;
    private final long sourceTimestamp;
    private final int stands;
    private final String comment;
    private final HubRecord record;

    private Outbound(String id, String type, Map<String, Object> body, String coalesceKey, boolean terminal,
            long sourceTimestamp, int stands, String comment, HubRecord record) {
        this.id = id;
        this.type = type;
        this.body = body;
        this.coalesceKey = coalesceKey;
        this.terminal = terminal;
        this.sourceTimestamp = sourceTimestamp;
        this.stands = stands;
        this.comment = comment;
        this.record = record;
    }

    public static Outbound of(HubRecord record) {
        Object payload = record.event().getPayload();
        String key = null;
        if (payload instanceof FileChanged f) {
            key = "file:" + f.getPath();
        } else if (payload instanceof DraftChunk d) {
            key = "draft:" + d.getTaskId() + ":" + d.getPath() + ":" + d.getRegion();
        }
        return new Outbound(record.position().toString(), record.type(), null, key, record.terminal(),
                record.timestamp(), 1, null, record);
    }

    /**
     * A {@code file-changed} as the whole file ({@code view=files}): {@code content}, or, when the
     * gateway does not have it, a {@code contentUrl} to fetch it from. Same id and place as the event.
     */
    static Outbound snapshot(HubRecord record, String content) {
        Map<String, Object> body = new LinkedHashMap<>(record.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = new LinkedHashMap<>((Map<String, Object>) body.get("payload"));
        payload.put("content", content);
        payload.put("diff", "");
        body.put("payload", payload);
        body.put("content", content);
        body.put("code", content);
        body.put("snapshot", true);
        if (content == null) {
            body.put("contentUrl", "/api/generations/" + record.generationId() + "/files/" + payload.get("path"));
        }
        return new Outbound(record.position().toString(), record.type(), body, "file:" + payload.get("path"), false,
                record.timestamp(), 1, null, null);
    }

    /**
     * The same event, not ending the stream: an end read from history may be followed by a
     * rollback and a re-run, so the end of the stream waits for the end of history.
     */
    Outbound ongoing() {
        return terminal ? new Outbound(id, type, body, coalesceKey, false, sourceTimestamp, stands, comment, record) : this;
    }

    /** Ends the stream (as a comment) once everything before it went out. */
    static Outbound end() {
        return new Outbound(null, null, null, null, true, 0, 0, "end", null);
    }

    /** A gateway-made event (checkpoint files, notices); {@code id} may be null. */
    public static Outbound synthetic(String id, String type, Map<String, Object> body) {
        return new Outbound(id, type, body, null, false, 0, 0, null, null);
    }

    public static Outbound comment(String text) {
        return new Outbound(null, null, null, null, false, 0, 0, text, null);
    }

    public static Outbound lagged(int coalesced, int capacity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "lagged");
        body.put("content", "this client fell behind: " + coalesced
                + " file and draft events were coalesced into snapshots");
        body.put("coalesced", coalesced);
        body.put("queueCapacity", capacity);
        return new Outbound(null, "lagged", body, null, false, 0, 0, null, null);
    }

    /** This event and a later one for the same file, as one snapshot at the later one's place. */
    Outbound mergeWith(Outbound later, int draftMaxChars) {
        Map<String, Object> merged = new LinkedHashMap<>(later.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = new LinkedHashMap<>((Map<String, Object>) merged.get("payload"));
        merged.put("snapshot", true);
        merged.put("coalesced", stands + later.stands);
        if (coalesceKey.startsWith("file:")) {
            Object content = payload.get("content");
            payload.put("diff", "");
            merged.put("content", content);
            merged.put("code", content);
            if (content == null) {
                merged.put("contentUrl", "/api/generations/" + merged.get("generationId") + "/files/" + payload.get("path"));
            }
        } else {
            @SuppressWarnings("unchecked")
            String earlier = String.valueOf(((Map<String, Object>) body().get("payload")).get("text"));
            boolean truncated = Boolean.TRUE.equals(body().get("truncated"));
            String text = truncated ? "" : earlier + payload.get("text");
            if (text.length() > draftMaxChars) {
                text = "";
                truncated = true;
            }
            payload.put("text", text);
            merged.put("content", text);
            merged.put("code", text);
            merged.put("truncated", truncated);
        }
        merged.put("payload", payload);
        return new Outbound(later.id, later.type, merged, coalesceKey, false, later.sourceTimestamp,
                stands + later.stands, null, null);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> body() {
        return record != null ? record.body() : body;
    }

    /** The shared record this stands for unchanged, or null. */
    public HubRecord record() {
        return record;
    }

    public String coalesceKey() {
        return coalesceKey;
    }

    public boolean terminal() {
        return terminal;
    }

    public long sourceTimestamp() {
        return sourceTimestamp;
    }

    /** How many topic events this stands for. */
    public int stands() {
        return stands;
    }

    public boolean isComment() {
        return comment != null;
    }

    public String comment() {
        return comment;
    }
}
