package io.rowspace.cli;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes the rows of result sets in one {@link OutputFormat}. */
interface ResultPrinter {
  /**
   * Writes every remaining row of {@code rs}, with a header where the format has one.
   *
   * @return the number of rows written
   */
  long print(ResultSet rs) throws SQLException;
}
