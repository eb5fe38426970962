package io.rowspace.sql.catalog;

/** One row of {@code ROWSPACE.SPACE_COLUMNS}: what a space made of one column. */
public record ColumnRecord(
    String tableName,
    String columnName,
    String sqlType,
    String detectedType,
    String encoder,
    boolean used,
    String reason,
    double mutualInformationBits) {
}
