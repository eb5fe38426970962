package io.rowspace.sql.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * PostgreSQL's JSON field and element access, {@code j -> 'key'} (the JSON value) and
 * {@code j ->> 'key'} (its text), read so that they go back to the database as written. They are
 * the database's only: where a model call needs one, it is a value of the backing query, which
 * the database computes; Calcite has no implementation of them. Bound tighter than comparisons,
 * looser than arithmetic, as in PostgreSQL ({@code j ->> 'a' = 'x'} compares the text).
 */
public final class JsonAccessOperator {
  /** Between Calcite's comparisons (30) and its additive operators (40); even, as Calcite requires. */
  private static final int PRECEDENCE = 36;
  /** {@code ->}: the field or element as JSON. */
  public static final SqlBinaryOperator FIELD = operator("->");
  /** {@code ->>}: the field or element as text. */
  public static final SqlBinaryOperator FIELD_TEXT = operator("->>");

  private JsonAccessOperator() {
  }

  private static SqlBinaryOperator operator(String name) {
    return new SqlBinaryOperator(name, SqlKind.OTHER, PRECEDENCE, true,
        ReturnTypes.VARCHAR_NULLABLE, InferTypes.RETURN_TYPE, OperandTypes.ANY_ANY);
  }
}
