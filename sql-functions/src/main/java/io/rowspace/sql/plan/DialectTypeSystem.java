package io.rowspace.sql.plan;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * The result types of the backing database's arithmetic and aggregates, for the parts of a query
 * with a model call that Calcite evaluates (and for the values it reads back from parts pushed
 * down): {@code AVG} of integers, the precision and scale of {@code SUM}, {@code AVG} and decimal
 * division. With Calcite's own rules {@code AVG(body_mass_g)} beside a model call would be an
 * integer (4201) where the database says 4201.754…; with these it is what the database says.
 *
 * <p>H2 2.x types are static and matched exactly (its documentation of AVG and SUM, and the
 * division scale {@code s1 + 2 * p2 - s2} it reports), except that SUM and AVG of DOUBLE
 * PRECISION are H2's DECFLOAT, here DOUBLE (Calcite has no decimal float): equal to 15 digits.
 * PostgreSQL's {@code numeric} results have
 * a scale that depends on the values; Calcite's types are static, so here they get a scale of
 * {@value #POSTGRES_NUMERIC_SCALE} digits: the type is PostgreSQL's, the last digits may differ.
 *
 * <p>Calcite instantiates the type system of a connection from its {@code typeSystem} property:
 * {@code io.rowspace.sql.plan.DialectTypeSystem#H2} or {@code ...#POSTGRES}.
 */
public final class DialectTypeSystem extends RelDataTypeSystemImpl {
  /** The scale of PostgreSQL {@code numeric} results without a declared scale. */
  static final int POSTGRES_NUMERIC_SCALE = 20;
  private static final int MAX_DECIMAL = 1000;


  public static final DialectTypeSystem H2 = new DialectTypeSystem(false);
  public static final DialectTypeSystem POSTGRES = new DialectTypeSystem(true);

  private final boolean postgres;

  private DialectTypeSystem(boolean postgres) {
    this.postgres = postgres;
  }

  /** The {@code typeSystem} property value for a backing database. */
  public static String property(boolean postgres) {
    return DialectTypeSystem.class.getName() + (postgres ? "#POSTGRES" : "#H2");
  }

  @Override public int getMaxPrecision(SqlTypeName type) {
    return type == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxPrecision(type);
  }

  @Override public int getMaxScale(SqlTypeName type) {
    return type == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxScale(type);
  }

  /**
   * PostgreSQL's {@code numeric} without precision and scale ({@code x::numeric}) keeps the
   * value's digits; Calcite's default {@code DECIMAL} would be {@code DECIMAL(19, 0)} and cut
   * them ({@code round(avg(p)::numeric, 3)} gave 0.000). H2's own default stays.
   */
  @Override public int getDefaultPrecision(SqlTypeName type) {
    return postgres && type == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getDefaultPrecision(type);
  }

  @Override public int getDefaultScale(SqlTypeName type) {
    return postgres && type == SqlTypeName.DECIMAL ? POSTGRES_NUMERIC_SCALE
        : super.getDefaultScale(type);
  }

  /** Both databases round a decimal result half away from zero; Calcite would truncate. */
  @Override public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }

  @Override public RelDataType deriveAvgAggType(RelDataTypeFactory types, RelDataType argument) {
    RelDataType result;
    switch (argument.getSqlTypeName()) {
    case TINYINT:
    case SMALLINT:
    case INTEGER:
      result = postgres ? decimal(types, MAX_DECIMAL, POSTGRES_NUMERIC_SCALE)
          : types.createSqlType(SqlTypeName.DOUBLE);
      break;
    case BIGINT:
      result = postgres ? decimal(types, MAX_DECIMAL, POSTGRES_NUMERIC_SCALE)
          : decimal(types, 29, 10);
      break;
    case DECIMAL:
      result = postgres
          ? decimal(types, MAX_DECIMAL, Math.max(POSTGRES_NUMERIC_SCALE, argument.getScale()))
          : decimal(types, argument.getPrecision() + 10, argument.getScale() + 10);
      break;
    case REAL:
      result = types.createSqlType(SqlTypeName.DOUBLE);
      break;
    case FLOAT:
    case DOUBLE:
      // H2 says DECFLOAT; Calcite has no decimal float and sums doubles as doubles
      result = types.createSqlType(SqlTypeName.DOUBLE);
      break;
    default:
      return super.deriveAvgAggType(types, argument);
    }
    return types.createTypeWithNullability(result, argument.isNullable());
  }

  @Override public RelDataType deriveSumType(RelDataTypeFactory types, RelDataType argument) {
    RelDataType result;
    switch (argument.getSqlTypeName()) {
    case TINYINT:
    case SMALLINT:
    case INTEGER:
      result = types.createSqlType(SqlTypeName.BIGINT);
      break;
    case BIGINT:
      result = decimal(types, postgres ? MAX_DECIMAL : 29, 0);
      break;
    case DECIMAL:
      result = decimal(types, postgres ? MAX_DECIMAL : argument.getPrecision() + 10,
          argument.getScale());
      break;
    case REAL:
      result = types.createSqlType(postgres ? SqlTypeName.REAL : SqlTypeName.DOUBLE);
      break;
    case FLOAT:
    case DOUBLE:
      result = types.createSqlType(SqlTypeName.DOUBLE);
      break;
    default:
      return super.deriveSumType(types, argument);
    }
    return types.createTypeWithNullability(result, argument.isNullable());
  }

  @Override public RelDataType deriveDecimalDivideType(RelDataTypeFactory types,
      RelDataType dividend, RelDataType divisor) {
    if (!SqlTypeUtil.isExactNumeric(dividend) || !SqlTypeUtil.isExactNumeric(divisor)
        || !SqlTypeUtil.isDecimal(dividend) && !SqlTypeUtil.isDecimal(divisor)) {
      return null;
    }
    int p1 = dividend.getPrecision();
    int s1 = dividend.getScale();
    int p2 = divisor.getPrecision();
    int s2 = divisor.getScale();
    RelDataType result;
    if (postgres) {
      result = decimal(types, MAX_DECIMAL, Math.max(POSTGRES_NUMERIC_SCALE, Math.max(s1, s2)));
    } else {
      int scale = Math.min(MAX_DECIMAL, s1 + 2 * p2 - s2);
      result = decimal(types, Math.min(MAX_DECIMAL, p1 - s1 + s2 + scale), scale);
    }
    return types.createTypeWithNullability(result,
        dividend.isNullable() || divisor.isNullable());
  }

  private static RelDataType decimal(RelDataTypeFactory types, int precision, int scale) {
    int p = Math.min(MAX_DECIMAL, precision);
    return types.createSqlType(SqlTypeName.DECIMAL, p, Math.min(p, scale));
  }
}
