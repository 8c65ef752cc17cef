package io.streamgen.schema.json;

import io.streamgen.schema.ContextReport;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.AnswerCached;
import io.streamgen.schema.event.BusMessage;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.ContextTrimmed;
import io.streamgen.schema.event.ChunkRejected;
import io.streamgen.schema.event.ConflictResolved;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.GenerationAnalytics;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.InterventionApplied;
import io.streamgen.schema.event.ModelChanged;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.RolledBack;
import io.streamgen.schema.event.TaskStateChanged;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON shape of a streamed event (docs/events.md): {@code id}, {@code type},
 * {@code generationId}, {@code at}, {@code progress}, {@code content} (the specification's
 * EventSource fields), {@code agentId}, {@code code}, {@code metadata} (its WebSocket fields) and
 * {@code payload}, the event's own fields.
 */
public final class EventJson {

    private EventJson() {
    }

    /** {@code FileChanged} → {@code file-changed}. */
    public static String typeOf(Object payload) {
        return kebab(payload.getClass().getSimpleName());
    }

    private static String kebab(String name) {
        StringBuilder kebab = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                kebab.append('-');
            }
            kebab.append(Character.toLowerCase(c));
        }
        return kebab.toString();
    }

    /** Every event type a stream can carry, from the payload union of {@link GenerationEvent}'s schema. */
    public static Set<String> knownTypes() {
        return KNOWN_TYPES;
    }

    private static final Set<String> KNOWN_TYPES = GenerationEvent.getClassSchema().getField("payload").schema()
            .getTypes().stream().map(t -> kebab(t.getName()))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The file path an event is about ({@code file-changed}, {@code draft-chunk}, …), or null. */
    public static String pathOf(Object payload) {
        if (payload instanceof FileChanged f) {
            return f.getPath();
        }
        if (payload instanceof DraftChunk d) {
            return d.getPath();
        }
        if (payload instanceof ConflictResolved c) {
            return c.getPath();
        }
        if (payload instanceof ChunkRejected r) {
            return r.getPath();
        }
        return null;
    }

    public static boolean isTerminal(Object payload) {
        return payload instanceof GenerationCompleted || payload instanceof GenerationFailed;
    }

    public static Map<String, Object> body(GenerationEvent event, String id) {
        Object payload = event.getPayload();
        String type = typeOf(payload);
        String content = contentOf(payload);
        String agentId = agentOf(payload);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("type", type);
        metadata.put("id", id);
        metadata.put("progress", event.getProgress());
        if (payload instanceof FileChanged f) {
            metadata.put("path", f.getPath());
            metadata.put("version", f.getVersion());
        } else if (payload instanceof DraftChunk d) {
            metadata.put("path", d.getPath());
            metadata.put("phase", d.getPhase().name());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type);
        body.put("generationId", event.getGenerationId());
        body.put("at", event.getAt().toString());
        body.put("progress", event.getProgress());
        body.put("content", content);
        body.put("agentId", agentId);
        body.put("code", isCode(payload) ? content : null);
        body.put("metadata", metadata);
        body.put("payload", AvroMaps.of((org.apache.avro.generic.IndexedRecord) payload));
        return body;
    }

    /** The roles an event concerns (empty: it concerns the whole generation). */
    public static Set<String> rolesOf(Object payload) {
        Set<String> roles = new LinkedHashSet<>();
        if (payload instanceof DraftChunk d) {
            roles.add(d.getRole().name());
        } else if (payload instanceof TaskStateChanged t) {
            roles.add(t.getRole().name());
        } else if (payload instanceof FileChanged f) {
            f.getAuthors().forEach(r -> roles.add(r.name()));
        } else if (payload instanceof ConflictResolved c) {
            c.getRoles().forEach(r -> roles.add(r.name()));
        } else if (payload instanceof BusMessage b) {
            roles.add(b.getFrom().name());
        } else if (payload instanceof InterventionApplied i && i.getRole() != null) {
            roles.add(i.getRole().name());
        } else if (payload instanceof ChunkRejected r) {
            roles.add(r.getRole().name());
        } else if (payload instanceof ModelChanged m) {
            roles.add(m.getRole().name());
        } else if (payload instanceof ContextTrimmed c) {
            roles.add(c.getRole().name());
        } else if (payload instanceof AnswerCached a) {
            roles.add(a.getRole().name());
        }
        return roles;
    }

    private static boolean isCode(Object payload) {
        return payload instanceof FileChanged || payload instanceof DraftChunk;
    }

    private static String agentOf(Object payload) {
        Role role = null;
        if (payload instanceof DraftChunk d) {
            role = d.getRole();
        } else if (payload instanceof TaskStateChanged t) {
            role = t.getRole();
        } else if (payload instanceof BusMessage b) {
            role = b.getFrom();
        } else if (payload instanceof InterventionApplied i) {
            role = i.getRole();
        } else if (payload instanceof FileChanged f && !f.getAuthors().isEmpty()) {
            role = f.getAuthors().get(f.getAuthors().size() - 1);
        } else if (payload instanceof ConflictResolved c) {
            role = c.getWinner();
        } else if (payload instanceof ChunkRejected r) {
            role = r.getRole();
        } else if (payload instanceof ModelChanged m) {
            role = m.getRole();
        } else if (payload instanceof ContextTrimmed c) {
            role = c.getRole();
        } else if (payload instanceof AnswerCached a) {
            role = a.getRole();
        }
        return role == null ? "coordinator" : role.name().toLowerCase(Locale.ROOT);
    }

    private static String contentOf(Object payload) {
        if (payload instanceof GenerationStarted s) {
            return s.getPrompt();
        }
        if (payload instanceof PhaseChanged p) {
            return p.getPhase() + " " + p.getState() + (p.getMessage() == null ? "" : ": " + p.getMessage());
        }
        if (payload instanceof TaskStateChanged t) {
            return t.getRole() + " " + t.getState() + (t.getError() == null ? "" : ": " + t.getError())
                    + (t.getNotes().isEmpty() ? "" : " (" + String.join("; ", t.getNotes()) + ")");
        }
        if (payload instanceof DraftChunk d) {
            return d.getText();
        }
        if (payload instanceof FileChanged f) {
            return f.getContent() != null ? f.getContent() : f.getDiff();
        }
        if (payload instanceof ConflictResolved c) {
            return c.getMessage() != null ? c.getMessage()
                    : c.getPath() + "#" + c.getRegion() + ": " + c.getStrategy() + " " + c.getOutcome();
        }
        if (payload instanceof CheckpointTaken c) {
            return c.getLabel().isEmpty() ? "checkpoint " + c.getCheckpointId() : c.getLabel();
        }
        if (payload instanceof RolledBack r) {
            return "rolled back to checkpoint " + r.getCheckpointId();
        }
        if (payload instanceof InterventionApplied i) {
            return i.getAction() + (i.getAccepted() ? " applied" : " refused")
                    + (i.getDetail() == null ? "" : ": " + i.getDetail());
        }
        if (payload instanceof BusMessage b) {
            return b.getLabel();
        }
        if (payload instanceof GenerationCompleted c) {
            return "completed: " + c.getFiles().size() + " files";
        }
        if (payload instanceof GenerationFailed f) {
            return f.getReason();
        }
        if (payload instanceof ChunkRejected r) {
            return "rejected a chunk of " + r.getTaskId() + " for " + r.getPath() + ": " + r.getReason();
        }
        if (payload instanceof ModelChanged m) {
            return m.getRole() + " " + m.getChange().getCause().name().toLowerCase(Locale.ROOT) + ": "
                    + (m.getChange().getFromModel().isEmpty() ? "" : m.getChange().getFromModel() + " -> ")
                    + m.getChange().getToModel()
                    + (m.getChange().getReason().isEmpty() ? "" : " (" + m.getChange().getReason() + ")");
        }
        if (payload instanceof ContextTrimmed c) {
            ContextReport r = c.getReport();
            return c.getRole() + " context: " + r.getUsedTokens() + " of " + r.getBudgetTokens() + " tokens, "
                    + r.getSummarised().size() + " summarised, " + r.getDropped().size() + " left out";
        }
        if (payload instanceof AnswerCached a) {
            return a.getRole() + " answered from the cache (first written by " + a.getProvenance().getSourceGenerationId()
                    + "/" + a.getProvenance().getSourceTaskId() + ")";
        }
        if (payload instanceof GenerationAnalytics a) {
            return "analytics: " + a.getUsage().stream().mapToLong(u -> u.getTokens()).sum() + " tokens in "
                    + a.getTotalMillis() + " ms";
        }
        return "";
    }
}
