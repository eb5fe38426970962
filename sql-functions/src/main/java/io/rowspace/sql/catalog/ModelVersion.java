package io.rowspace.sql.catalog;

import java.time.Instant;

/**
 * One row of {@code ROWSPACE.MODEL_VERSIONS}: a kept version of a space or predictor.
 * {@code space} and {@code spaceVersion} are the space a predictor version was trained on (null
 * for spaces); {@code metric} is the predictor's validation metric, or {@code validation_loss}
 * of a space.
 */
public record ModelVersion(ModelKind kind, String name, int version, boolean current,
    Instant createdAt, String space, Integer spaceVersion, int trainingRows, String metric,
    double metricValue, String checksum) {
}
