package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.Region;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.ResolutionOutcome;
import io.streamgen.schema.event.ResolutionStrategy;

/**
 * Decides what a region holds when a second role writes it (DESIGN §5 Merge). A user's edit always
 * wins, whatever the strategy.
 */
public final class ConflictResolver {

    /** The resolved text (null: the region is deleted) and how it came about. */
    public record Resolution(String text, ResolutionStrategy strategy, ResolutionOutcome outcome, Role winner,
            String message) {
    }

    /**
     * @param incoming what the region would hold if the incoming task simply won (null: deleted)
     * @param base the region's text at the last checkpoint ("" if it had none)
     */
    public Resolution resolve(MergeStrategy strategy, Region existing, Role incomingRole, Phase incomingPhase,
            String incoming, String base) {
        if (existing.userEdited) {
            return new Resolution(existing.text, ResolutionStrategy.USER_EDIT, ResolutionOutcome.KEPT_EXISTING, null,
                    "the user's edit wins over " + incomingRole);
        }
        return switch (strategy) {
            case OWNER_WINS -> new Resolution(existing.text, ResolutionStrategy.OWNER_WINS,
                    ResolutionOutcome.KEPT_EXISTING, existing.owner, existing.owner + " owns the region");
            case THREE_WAY -> threeWay(existing, incomingRole, incoming, base);
            default -> phasePriority(existing, incomingRole, incomingPhase, incoming);
        };
    }

    private Resolution phasePriority(Region existing, Role incomingRole, Phase incomingPhase, String incoming) {
        if (existing.phase == null || incomingPhase.ordinal() >= existing.phase.ordinal()) {
            return new Resolution(incoming, ResolutionStrategy.PHASE_PRIORITY, ResolutionOutcome.TOOK_INCOMING,
                    incomingRole, incomingPhase + " is not earlier than " + existing.phase);
        }
        return new Resolution(existing.text, ResolutionStrategy.PHASE_PRIORITY, ResolutionOutcome.KEPT_EXISTING,
                existing.owner, existing.phase + " is later than " + incomingPhase);
    }

    private Resolution threeWay(Region existing, Role incomingRole, String incoming, String base) {
        if (incoming == null) {
            return new Resolution(existing.text, ResolutionStrategy.THREE_WAY, ResolutionOutcome.KEPT_EXISTING,
                    existing.owner, "a delete does not merge with the region's edits");
        }
        ThreeWayMerge.Outcome merged = ThreeWayMerge.merge(base, existing.text, incoming,
                String.valueOf(existing.owner), String.valueOf(incomingRole));
        return merged.conflicts()
                ? new Resolution(merged.text(), ResolutionStrategy.THREE_WAY, ResolutionOutcome.CONFLICT_MARKERS, null,
                        "unresolved hunks kept with conflict markers")
                : new Resolution(merged.text(), ResolutionStrategy.THREE_WAY, ResolutionOutcome.MERGED, null,
                        "merged against checkpoint text");
    }
}
