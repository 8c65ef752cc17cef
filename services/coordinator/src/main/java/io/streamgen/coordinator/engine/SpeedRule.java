package io.streamgen.coordinator.engine;

import java.time.Duration;

/**
 * One role's speed floor (DESIGN §5 "quality that follows speed"): when a task of the role streams
 * below {@code floorTokensPerSecond} for {@code window}, the generation's later tasks of that role go
 * to {@code fasterModel}; when the faster model streams at {@code headroom} × the floor or more for
 * the window, later tasks go back to the preferred model.
 */
public record SpeedRule(double floorTokensPerSecond, Duration window, String fasterModel, double headroom) {

    public static final double DEFAULT_HEADROOM = 2.0;

    public SpeedRule {
        if (!(floorTokensPerSecond > 0) || window == null || window.isNegative() || window.isZero()
                || fasterModel == null || fasterModel.isBlank() || !(headroom >= 1)) {
            throw new IllegalArgumentException("a speed rule needs a floor above 0, a positive window, a faster"
                    + " model and a headroom of at least 1: " + floorTokensPerSecond + ", " + window + ", "
                    + fasterModel + ", " + headroom);
        }
    }
}
