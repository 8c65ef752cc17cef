package io.streamgen.gateway.api;

import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.gateway.publish.GenerationIds;
import io.streamgen.schema.Blueprint;
import io.streamgen.schema.Entity;
import io.streamgen.schema.EntityField;
import io.streamgen.schema.Flags;
import io.streamgen.schema.Derivation;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.Role;
import io.streamgen.schema.model.ModelChoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks request bodies and turns them into records. Every problem of a body is reported at once
 * (400 with {@code errors}); a prompt over the cap is 413; a well-formed request choosing a model
 * the operator does not allow is 422 ({@link AllowedModels}).
 */
@ApplicationScoped
public class RequestValidator {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern STACK = Pattern.compile("[a-z0-9][a-z0-9.+-]{0,63}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 _-]{0,63}");
    /** Any provider name: an unknown one is refused with the allow-list (422), not as malformed. */
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9_.-]{1,64}:[^\\s]{1,200}");
    private static final Set<String> FIELD_TYPES = Set.of("string", "number", "boolean", "date");
    private static final int MAX_BUFFER = 4096;
    private static final int MAX_TEXT = 256 * 1024;

    @Inject
    GatewayConfig config;

    public GenerationRequested generation(GenerationRequestBody body, String principal, Instant now) {
        if (body == null) {
            throw new ProblemException(400, "Bad Request", "a JSON body with a prompt is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String prompt = body.prompt();
        if (prompt == null || prompt.isBlank()) {
            errors.add(new Problem.FieldError("prompt", "is required"));
        } else if (prompt.getBytes(StandardCharsets.UTF_8).length > config.maxPromptBytes()) {
            throw new ProblemException(413, "Content Too Large",
                    "the prompt is over " + config.maxPromptBytes() + " bytes");
        }
        if (body.generationId() != null && !ID.matcher(body.generationId()).matches()) {
            errors.add(new Problem.FieldError("generationId", "must match " + ID.pattern()));
        }
        String stack = body.targetStack() == null ? "javascript-node" : body.targetStack();
        if (!STACK.matcher(stack).matches()) {
            errors.add(new Problem.FieldError("targetStack", "must match " + STACK.pattern()));
        }
        Flags flags = flags(body.flags(), errors);
        MergeStrategy strategy = strategy(body.mergeStrategy(), errors);
        Map<String, String> models = models(body.models(), errors);
        Map<String, io.streamgen.schema.ModelPlan> plans = ModelPlans.parse(body.modelPlans(), errors);
        Blueprint blueprint = blueprint(body.blueprint(), errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Bad Request", "the generation request is invalid", errors);
        }
        List<Problem.FieldError> refused = new ArrayList<>(AllowedModels.refused(models, config.allowedModels()));
        refused.addAll(ModelPlans.refused(plans, config.allowedModels()));
        if (!refused.isEmpty()) {
            throw new ModelNotAllowedException(refused, config.allowedModels());
        }
        String id = body.generationId() != null ? body.generationId() : GenerationIds.next(now.toEpochMilli());
        return GenerationRequested.newBuilder().setGenerationId(id).setPrompt(prompt).setTargetStack(stack)
                .setBlueprint(blueprint).setFlags(flags).setModels(models).setModelPlans(plans).setMergeStrategy(strategy)
                .setCache(body.cache() == null || body.cache())
                .setRequestedBy(principal != null ? principal
                        : body.requestedBy() == null || body.requestedBy().isBlank() ? "anonymous" : body.requestedBy())
                .setRequestedAt(now).build();
    }

    /**
     * A new generation that re-runs the source's recorded chunks through the coordinator with
     * {@code body}'s merge strategy (default: the source's), calling no model. The source's own
     * request is what its {@code generation-started} event says (prompt, stack, flags); it must
     * have ended.
     */
    public GenerationRequested rederivation(String sourceId, GenerationStarted source, RederiveBody body, String principal,
                                            Instant now) {
        RederiveBody options = checkRederivation(sourceId, body);
        MergeStrategy strategy = options.mergeStrategy() == null ? source.getMergeStrategy()
                : strategy(options.mergeStrategy(), new ArrayList<>());
        String id = options.generationId() != null ? options.generationId() : GenerationIds.next(now.toEpochMilli());
        return GenerationRequested.newBuilder().setGenerationId(id).setPrompt(source.getPrompt())
                .setTargetStack(source.getTargetStack()).setFlags(source.getFlags()).setMergeStrategy(strategy)
                .setCache(false)
                .setDerivedFrom(Derivation.newBuilder().setSourceGenerationId(sourceId)
                        .setFromCheckpoint(options.fromCheckpoint())
                        .setSourceStartedAtMillis(source.getRequestedAt().toEpochMilli()).build())
                .setRequestedBy(principal != null ? principal : "anonymous").setRequestedAt(now).build();
    }

    /**
     * The re-derivation's options, checked before its source is looked for (a bad request is a 400
     * however the events topic answers, and costs no read); throws the 400 problem naming each field.
     */
    public static RederiveBody checkRederivation(String sourceId, RederiveBody body) {
        RederiveBody options = body == null ? new RederiveBody(null, null, null) : body;
        List<Problem.FieldError> errors = new ArrayList<>();
        if (options.generationId() != null && !ID.matcher(options.generationId()).matches()) {
            errors.add(new Problem.FieldError("generationId", "must match " + ID.pattern()));
        } else if (sourceId.equals(options.generationId())) {
            // its chunks would land under the source's key, among the very chunks its tasks replay
            errors.add(new Problem.FieldError("generationId", "must differ from the generation re-derived"));
        }
        if (options.fromCheckpoint() != null && options.fromCheckpoint() < 1) {
            errors.add(new Problem.FieldError("fromCheckpoint", "checkpoints are numbered from 1"));
        }
        if (options.mergeStrategy() != null) {
            strategy(options.mergeStrategy(), errors);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Bad Request", "the re-derivation is invalid", errors);
        }
        return options;
    }

    public Intervention intervention(String generationId, InterventionBody body, String principal, Instant now) {
        if (body == null) {
            throw new ProblemException(400, "Bad Request", "a JSON body with an action is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        InterventionAction action = null;
        if (body.action() == null) {
            errors.add(new Problem.FieldError("action", "is required"));
        } else {
            try {
                action = InterventionAction.valueOf(body.action().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("action", "must be one of " + List.of(InterventionAction.values())));
            }
        }
        Role role = null;
        if (body.role() != null && !body.role().isBlank()) {
            role = role(body.role(), "role", errors);
        }
        if (body.text() != null && body.text().length() > MAX_TEXT) {
            errors.add(new Problem.FieldError("text", "is over " + MAX_TEXT + " characters"));
        }
        if (action == InterventionAction.STEER && (body.text() == null || body.text().isBlank())) {
            errors.add(new Problem.FieldError("text", "is required to steer"));
        }
        if (action == InterventionAction.EDIT) {
            if (body.path() == null || body.path().isBlank()) {
                errors.add(new Problem.FieldError("path", "is required to edit"));
            } else if (!io.streamgen.schema.path.GeneratedPath.normalise(body.path()).valid()) {
                // the coordinator's rule for a file name, applied before the edit reaches Kafka
                errors.add(new Problem.FieldError("path", "is not a file of a generation: "
                        + io.streamgen.schema.path.GeneratedPath.normalise(body.path()).reason()));
            }
            if (body.text() == null) {
                errors.add(new Problem.FieldError("text", "is required to edit"));
            }
        }
        if (action == InterventionAction.ROLLBACK && (body.checkpointId() == null || body.checkpointId() < 1)) {
            errors.add(new Problem.FieldError("checkpointId", "is required to roll back, 1 or more"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Bad Request", "the intervention is invalid", errors);
        }
        return Intervention.newBuilder().setInterventionId(UUID.randomUUID().toString())
                .setGenerationId(generationId).setAction(action).setRole(role).setText(body.text())
                .setPath(body.path()).setRegion(body.region()).setCheckpointId(body.checkpointId())
                .setRequestedBy(principal == null ? "anonymous" : principal).setAt(now).build();
    }

    public static void checkId(String generationId) {
        if (generationId == null || !ID.matcher(generationId).matches()) {
            throw new ProblemException(400, "Bad Request", "a generation id must match " + ID.pattern());
        }
    }

    private static Flags flags(GenerationRequestBody.FlagsBody body, List<Problem.FieldError> errors) {
        Flags.Builder flags = Flags.newBuilder();
        if (body == null) {
            return flags.build();
        }
        if (body.bufferSize() != null && (body.bufferSize() < 1 || body.bufferSize() > MAX_BUFFER)) {
            errors.add(new Problem.FieldError("flags.bufferSize", "must be 1.." + MAX_BUFFER + " or absent (adaptive)"));
        }
        return flags.setParallel(Boolean.TRUE.equals(body.parallel())).setBufferSize(body.bufferSize())
                .setPreview(Boolean.TRUE.equals(body.preview())).setCheckpoint(Boolean.TRUE.equals(body.checkpoint()))
                .setOptimize(Boolean.TRUE.equals(body.optimize())).setTest(Boolean.TRUE.equals(body.test()))
                .setVerbose(Boolean.TRUE.equals(body.verbose())).build();
    }

    private static MergeStrategy strategy(String text, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return MergeStrategy.PHASE_PRIORITY;
        }
        try {
            return MergeStrategy.valueOf(text.trim().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("mergeStrategy", "must be phase-priority, owner-wins or three-way"));
            return MergeStrategy.PHASE_PRIORITY;
        }
    }

    private static Map<String, String> models(Map<String, String> body, List<Problem.FieldError> errors) {
        Map<String, String> models = new TreeMap<>();
        if (body == null) {
            return models;
        }
        body.forEach((roleName, model) -> {
            Role role = role(roleName, "models." + roleName, errors);
            if (model == null || !MODEL.matcher(model).matches()) {
                // a bare model name is refused: only the agents know which provider it would mean
                errors.add(new Problem.FieldError("models." + roleName,
                        "must be provider:model (e.g. openai:gpt-4o-mini), provider one of "
                                + String.join(", ", ModelChoice.PROVIDERS)));
            } else if (role != null) {
                models.put(role.name(), model);
            }
        });
        return models;
    }

    private static Role role(String name, String field, List<Problem.FieldError> errors) {
        try {
            return Role.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, "is not a role; roles are " + List.of(Role.values())));
            return null;
        }
    }

    private static Blueprint blueprint(GenerationRequestBody.BlueprintBody body, List<Problem.FieldError> errors) {
        if (body == null) {
            return null;
        }
        if (body.appName() == null || !APP_NAME.matcher(body.appName()).matches()) {
            errors.add(new Problem.FieldError("blueprint.appName", "must match " + APP_NAME.pattern()));
        }
        List<GenerationRequestBody.EntityBody> entities = body.entities() == null ? List.of() : body.entities();
        Set<String> names = new HashSet<>();
        for (GenerationRequestBody.EntityBody entity : entities) {
            if (entity != null && entity.name() != null) {
                names.add(entity.name());
            }
        }
        List<Entity> built = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entities.size(); i++) {
            GenerationRequestBody.EntityBody entity = entities.get(i);
            String at = "blueprint.entities[" + i + "]";
            if (entity == null || entity.name() == null || !IDENTIFIER.matcher(entity.name()).matches()) {
                errors.add(new Problem.FieldError(at + ".name", "must be an identifier"));
                continue;
            }
            if (!seen.add(entity.name())) {
                errors.add(new Problem.FieldError(at + ".name", "repeats entity " + entity.name()));
            }
            List<EntityField> fields = new ArrayList<>();
            Set<String> fieldNames = new HashSet<>();
            List<GenerationRequestBody.FieldBody> given = entity.fields() == null ? List.of() : entity.fields();
            for (int j = 0; j < given.size(); j++) {
                GenerationRequestBody.FieldBody field = given.get(j);
                String fat = at + ".fields[" + j + "]";
                if (field == null || field.name() == null || !IDENTIFIER.matcher(field.name()).matches()) {
                    errors.add(new Problem.FieldError(fat + ".name", "must be an identifier"));
                    continue;
                }
                if (!fieldNames.add(field.name())) {
                    errors.add(new Problem.FieldError(fat + ".name", "repeats field " + field.name()));
                }
                String type = field.type() == null ? "string" : field.type();
                if (!FIELD_TYPES.contains(type) && !names.contains(type)) {
                    errors.add(new Problem.FieldError(fat + ".type",
                            "must be string, number, boolean, date or an entity of the blueprint"));
                }
                fields.add(EntityField.newBuilder().setName(field.name()).setType(type)
                        .setRequired(field.required() == null || field.required()).build());
            }
            built.add(Entity.newBuilder().setName(entity.name()).setFields(fields).build());
        }
        return Blueprint.newBuilder().setAppName(body.appName() == null ? "" : body.appName()).setEntities(built).build();
    }
}
