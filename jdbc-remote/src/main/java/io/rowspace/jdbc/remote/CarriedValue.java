package io.rowspace.jdbc.remote;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;

/**
 * A value of the served database that Avatica's frames cannot carry as it is (a UUID, an interval,
 * a timestamp with its nanoseconds or its offset, JSON, an array, bytes, a decimal of any scale,
 * a driver's own object), travelling as one string that holds both the Java value, encoded by its
 * class, and the database's own text for it ({@code ResultSet.getString} on the server). The
 * server encodes with {@link #encode}; the Rowspace driver decodes with {@link #decode} and gives
 * the application the same value, of the same class where the class exists on its side, and the
 * same text as a connection to the database would.
 *
 * <p>The string is {@code <n>:<value><text>}, {@code n} the length of the value's encoding, which
 * is {@code <kind>|<payload>}. Arrays encode their elements the same way, one after the other.
 */
public final class CarriedValue {
  /**
   * The connection property by which the Rowspace driver tells the server it reads carried values;
   * other Avatica clients get those columns as the database's text, typed VARCHAR.
   */
  public static final String PROPERTY = "rowspace.remoteValues";
  /** The value of {@link #PROPERTY} the driver sends. */
  public static final String CARRIED = "carried";

  private static final char KIND_END = '|';
  private static final String NULL_ELEMENT = "-";

  private final Object value;
  private final String text;
  private final Double asDouble;

  private CarriedValue(Object value, String text, Double asDouble) {
    this.value = value;
    this.text = text;
    this.asDouble = asDouble;
  }

  /**
   * What the database's driver gave for {@code getDouble} of a REAL value, or null: drivers differ
   * (PostgreSQL's parses the text, H2's widens the float), so the server sends it.
   */
  public Double asDouble() {
    return asDouble;
  }

  /** The value as the database's driver gave it on the server, or the closest the client has. */
  public Object value() {
    return value;
  }

  /** The database's own text for the value. */
  public String text() {
    return text;
  }

  /**
   * The string that carries {@code value} (what the server's driver returned from
   * {@code getObject}) and {@code text} (from {@code getString}) of a column of type
   * {@code typeName}; null for SQL NULL.
   */
  public static String encode(Object value, String text, String typeName) throws SQLException {
    if (value == null) {
      return null;
    }
    String encoded = encodeValue(value, typeName);
    return encoded.length() + ":" + encoded + (text == null ? "" : text);
  }

  /**
   * The string that carries a REAL {@code value} with its {@code text} and what the driver gave
   * for {@code getDouble} of it.
   */
  public static String encodeReal(Float value, double asDouble, String text) {
    String encoded = "real|" + value + "," + asDouble;
    return encoded.length() + ":" + encoded + (text == null ? "" : text);
  }

  /** The value and text {@link #encode} carried; null for SQL NULL. */
  public static CarriedValue decode(String carried) throws SQLException {
    if (carried == null) {
      return null;
    }
    int colon = carried.indexOf(':');
    try {
      int length = Integer.parseInt(carried.substring(0, colon));
      int end = colon + 1 + length;
      String encoded = carried.substring(colon + 1, end);
      if (encoded.startsWith("real|")) {
        int comma = encoded.indexOf(',');
        return new CarriedValue(Float.valueOf(encoded.substring("real|".length(), comma)),
            carried.substring(end), Double.valueOf(encoded.substring(comma + 1)));
      }
      return new CarriedValue(decodeValue(encoded), carried.substring(end), null);
    } catch (RuntimeException e) {
      throw new SQLException("A value from the Rowspace server could not be read ("
          + e.getMessage() + "); the server and the driver are of different versions: use the "
          + "driver jar of the server's version.", "08006", e);
    }
  }

  private static String encodeValue(Object value, String typeName) throws SQLException {
    if (value instanceof String s) {
      return "string|" + s;
    } else if (value instanceof byte[] bytes) {
      return "bytes|" + Base64.getEncoder().encodeToString(bytes);
    } else if (value instanceof UUID uuid) {
      return "uuid|" + uuid;
    } else if (value instanceof Timestamp timestamp) {
      return "timestamp|" + timestamp;
    } else if (value instanceof Date date) {
      return "date|" + date;
    } else if (value instanceof Time time) {
      // Time.toLocalTime() drops the milliseconds some drivers keep.
      int millis = (int) Math.floorMod(time.getTime(), 1000L);
      return "time|" + time.toLocalTime().withNano(millis * 1_000_000);
    } else if (value instanceof Boolean || value instanceof Number) {
      return value.getClass().getName() + KIND_END + value;
    } else if (value instanceof OffsetDateTime || value instanceof LocalDateTime
        || value instanceof LocalDate || value instanceof LocalTime
        || value instanceof OffsetTime || value instanceof ZonedDateTime
        || value instanceof Instant || value instanceof Duration || value instanceof Period) {
      return value.getClass().getName() + KIND_END + value;
    } else if (value instanceof Clob clob) {
      return "clob|" + clob.getSubString(1, (int) clob.length());
    } else if (value instanceof Blob blob) {
      return "blob|" + Base64.getEncoder().encodeToString(
          blob.getBytes(1, (int) blob.length()));
    } else if (value instanceof Array array) {
      return "array|" + array.getBaseType() + "," + array.getBaseTypeName() + ","
          + elements(array.getArray(), typeName);
    }
    // A driver's own class (PostgreSQL's PGobject for json and PGInterval, H2's Interval): its
    // class, the column's type and its text, from which a client that has the class rebuilds it.
    return "object|" + value.getClass().getName() + "\n" + typeName + "\n" + value;
  }

  private static String elements(Object array, String typeName) throws SQLException {
    StringBuilder out = new StringBuilder();
    out.append(array.getClass().getComponentType().getName()).append(',');
    int length = java.lang.reflect.Array.getLength(array);
    for (int i = 0; i < length; i++) {
      Object element = java.lang.reflect.Array.get(array, i);
      if (element == null) {
        out.append(NULL_ELEMENT);
      } else {
        String encoded = element.getClass().isArray()
            ? "elements|" + elements(element, typeName) : encodeValue(element, typeName);
        out.append(encoded.length()).append(':').append(encoded);
      }
    }
    return out.toString();
  }

  private static Object decodeValue(String encoded) {
    int bar = encoded.indexOf(KIND_END);
    String kind = encoded.substring(0, bar);
    String payload = encoded.substring(bar + 1);
    switch (kind) {
    case "string":
      return payload;
    case "bytes":
      return Base64.getDecoder().decode(payload);
    case "clob":
      return lob(() -> new SerialClob(payload.toCharArray()));
    case "blob":
      return lob(() -> new SerialBlob(Base64.getDecoder().decode(payload)));
    case "uuid":
      return UUID.fromString(payload);
    case "timestamp":
      return Timestamp.valueOf(payload);
    case "date":
      return Date.valueOf(payload);
    case "time":
      LocalTime time = LocalTime.parse(payload);
      return new Time(Time.valueOf(time).getTime() + time.getNano() / 1_000_000);
    case "array":
      return arrayOf(payload);
    case "elements":
      return elementsOf(payload);
    case "object":
      return DriverObjects.rebuild(payload);
    default:
      return Parsers.parse(kind, payload);
    }
  }

  /** Makes a LOB of the client's own. */
  private interface LobMaker {
    Object make() throws SQLException;
  }

  private static Object lob(LobMaker maker) {
    try {
      return maker.make();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static CarriedArray arrayOf(String payload) {
    int first = payload.indexOf(',');
    int second = payload.indexOf(',', first + 1);
    return new CarriedArray(Integer.parseInt(payload.substring(0, first)),
        payload.substring(first + 1, second), elementsOf(payload.substring(second + 1)));
  }

  private static Object[] elementsOf(String payload) {
    int comma = payload.indexOf(',');
    String componentClass = payload.substring(0, comma);
    List<Object> values = new ArrayList<>();
    int at = comma + 1;
    while (at < payload.length()) {
      if (payload.startsWith(NULL_ELEMENT, at)) {
        values.add(null);
        at += NULL_ELEMENT.length();
        continue;
      }
      int colon = payload.indexOf(':', at);
      int length = Integer.parseInt(payload.substring(at, colon));
      values.add(decodeValue(payload.substring(colon + 1, colon + 1 + length)));
      at = colon + 1 + length;
    }
    Class<?> component = Parsers.javaClass(componentClass);
    Object[] array = (Object[]) java.lang.reflect.Array.newInstance(component, values.size());
    for (int i = 0; i < array.length; i++) {
      Object element = values.get(i);
      array[i] = element == null || component.isInstance(element) ? element
          : component == String.class ? String.valueOf(element) : element;
    }
    return array;
  }

  /** Values of the JDK's own classes, read back from their {@code toString()}. */
  private static final class Parsers {
    private static final java.util.Map<String, Function<String, Object>> PARSE = java.util.Map
        .ofEntries(
            java.util.Map.entry("java.lang.Boolean", Boolean::valueOf),
            java.util.Map.entry("java.lang.Byte", Byte::valueOf),
            java.util.Map.entry("java.lang.Short", Short::valueOf),
            java.util.Map.entry("java.lang.Integer", Integer::valueOf),
            java.util.Map.entry("java.lang.Long", Long::valueOf),
            java.util.Map.entry("java.lang.Float", Float::valueOf),
            java.util.Map.entry("java.lang.Double", Double::valueOf),
            java.util.Map.entry("java.math.BigDecimal", BigDecimal::new),
            java.util.Map.entry("java.math.BigInteger", java.math.BigInteger::new),
            java.util.Map.entry("java.time.OffsetDateTime", OffsetDateTime::parse),
            java.util.Map.entry("java.time.LocalDateTime", LocalDateTime::parse),
            java.util.Map.entry("java.time.LocalDate", LocalDate::parse),
            java.util.Map.entry("java.time.LocalTime", LocalTime::parse),
            java.util.Map.entry("java.time.OffsetTime", OffsetTime::parse),
            java.util.Map.entry("java.time.ZonedDateTime", ZonedDateTime::parse),
            java.util.Map.entry("java.time.Instant", Instant::parse),
            java.util.Map.entry("java.time.Duration", Duration::parse),
            java.util.Map.entry("java.time.Period", Period::parse));

    private Parsers() {
    }

    static Object parse(String className, String text) {
      Function<String, Object> parser = PARSE.get(className);
      // Another Number (a driver's own): its text is the closest the client can give.
      return parser == null ? text : parser.apply(text);
    }

    /** The class of an array's elements: a JDK class the client has, or Object. */
    static Class<?> javaClass(String name) {
      if (name.startsWith("java.")) {
        try {
          return Class.forName(name, false, CarriedValue.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          return Object.class;
        }
      }
      return Object.class;
    }
  }
}
