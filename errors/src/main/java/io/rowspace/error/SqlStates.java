package io.rowspace.error;

/** The SQLSTATE codes Rowspace raises (SPEC section 9). */
public final class SqlStates {
  public static final String SYNTAX = "42000";
  public static final String UNKNOWN_TABLE = "42S02";
  public static final String UNKNOWN_COLUMN = "42S22";
  /** A column name more than one table in scope has (PostgreSQL's code; H2 has its own). */
  public static final String AMBIGUOUS_COLUMN = "42702";
  public static final String UNKNOWN_OBJECT = "42704";
  public static final String ALREADY_EXISTS = "42710";
  public static final String INVALID_ARGUMENT = "22023";
  public static final String UNUSABLE_DATA = "22000";
  public static final String CANCELLED = "57014";
  public static final String OUT_OF_MEMORY = "53200";
  public static final String DEPENDENT_OBJECTS = "2BP01";
  /** Object not in prerequisite state: a STALE predictor, a job of another live process. */
  public static final String OBJECT_NOT_IN_STATE = "55000";
  public static final String INSUFFICIENT_PRIVILEGE = "42501";
  /** A file EXPORT or IMPORT names cannot be written or read. */
  public static final String IO_ERROR = "58030";
  public static final String NAME_TOO_LONG = "42622";
  public static final String STATEMENT_TOO_COMPLEX = "54001";
  public static final String TOO_MANY_CONNECTIONS = "53300";
  public static final String INVALID_CHARACTER_VALUE = "22018";
  public static final String NUMERIC_OUT_OF_RANGE = "22003";
  public static final String DIVISION_BY_ZERO = "22012";
  public static final String INVALID_DATETIME = "22007";
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  /** A connection that cannot be opened: a URL that names no database or server. */
  public static final String CANNOT_CONNECT = "08001";
  /** A JDBC call that does not fit the statement: a query run as an update, or the reverse. */
  public static final String WRONG_STATEMENT_KIND = "07000";
  /** A JDBC call on a closed object. */
  public static final String CLOSED = "HY010";
  /** A server connection without valid credentials, or a server that would be open to anyone. */
  public static final String INVALID_AUTHORIZATION = "28000";
  public static final String INTERNAL = "XX000";
  /** Stored bytes or rows that do not match their checksum or cannot be read. */
  public static final String DATA_CORRUPTED = "XX001";

  private SqlStates() {
  }
}
