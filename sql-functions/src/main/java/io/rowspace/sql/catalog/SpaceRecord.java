package io.rowspace.sql.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code ROWSPACE.EMBEDDING_SPACES}: a trained embedding space as the catalog knows it.
 * {@code indexChecksum} is null when the space's rows are searched exactly, without an index.
 */
public record SpaceRecord(
    String name,
    String rootSchema,
    String rootTable,
    List<String> tables,
    List<String> keyColumns,
    int rowsTrained,
    int columnsUsed,
    int dModel,
    int epochs,
    double trainSeconds,
    double finalValidationLoss,
    String device,
    long seed,
    String options,
    Instant createdAt,
    int version,
    String checksum,
    String vectorsChecksum,
    String indexChecksum) {
}
