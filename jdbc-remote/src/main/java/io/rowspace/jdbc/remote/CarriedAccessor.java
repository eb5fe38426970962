package io.rowspace.jdbc.remote;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Map;
import java.util.UUID;
import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;
import org.apache.calcite.avatica.util.Cursor;
import org.joou.UByte;
import org.joou.UInteger;
import org.joou.ULong;
import org.joou.UShort;

/**
 * Reads a column whose values come as {@link CarriedValue}s: {@code getObject} gives the value the
 * database's driver gave on the server, {@code getString} the database's own text, and the other
 * getters convert the value as a database's driver would.
 */
final class CarriedAccessor implements Cursor.Accessor {
  private final Cursor.Accessor wire;
  private final String typeName;

  CarriedAccessor(Cursor.Accessor wire, String typeName) {
    this.wire = wire;
    this.typeName = typeName;
  }

  private CarriedValue cell() throws SQLException {
    return CarriedValue.decode(wire.getString());
  }

  private Object value() throws SQLException {
    CarriedValue cell = cell();
    return cell == null ? null : cell.value();
  }

  @Override public boolean wasNull() throws SQLException {
    return wire.wasNull();
  }

  @Override public String getString() throws SQLException {
    CarriedValue cell = cell();
    return cell == null ? null : cell.text();
  }

  @Override public String getNString() throws SQLException {
    return getString();
  }

  @Override public Object getObject() throws SQLException {
    return value();
  }

  @Override public Object getObject(Map<String, Class<?>> map) throws SQLException {
    return value();
  }

  private Number number() throws SQLException {
    CarriedValue cell = cell();
    if (cell == null) {
      return null;
    }
    if (cell.value() instanceof Number number) {
      return number;
    }
    if (cell.value() instanceof Boolean flag) {
      return flag ? 1 : 0;
    }
    try {
      return new BigDecimal(cell.text().trim());
    } catch (NumberFormatException e) {
      throw cannotConvert(cell, "a number");
    }
  }

  @Override public boolean getBoolean() throws SQLException {
    CarriedValue cell = cell();
    if (cell == null) {
      return false;
    }
    if (cell.value() instanceof Boolean flag) {
      return flag;
    }
    if (cell.value() instanceof Number number) {
      return number.doubleValue() != 0;
    }
    String text = cell.text().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("t") || text.equals("1")) {
      return true;
    }
    if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("f") || text.equals("0")) {
      return false;
    }
    throw cannotConvert(cell, "a boolean");
  }

  @Override public byte getByte() throws SQLException {
    Number number = number();
    return number == null ? 0 : number.byteValue();
  }

  @Override public short getShort() throws SQLException {
    Number number = number();
    return number == null ? 0 : number.shortValue();
  }

  @Override public int getInt() throws SQLException {
    Number number = number();
    return number == null ? 0 : number.intValue();
  }

  @Override public long getLong() throws SQLException {
    Number number = number();
    return number == null ? 0 : number.longValue();
  }

  @Override public float getFloat() throws SQLException {
    Number number = number();
    return number == null ? 0 : number.floatValue();
  }

  @Override public double getDouble() throws SQLException {
    CarriedValue cell = cell();
    if (cell != null && cell.asDouble() != null) {
      return cell.asDouble();
    }
    Number number = number();
    return number == null ? 0 : number.doubleValue();
  }

  @Override public BigDecimal getBigDecimal() throws SQLException {
    Number number = number();
    if (number == null || number instanceof BigDecimal) {
      return (BigDecimal) number;
    }
    return new BigDecimal(number.toString());
  }

  @Override public BigDecimal getBigDecimal(int scale) throws SQLException {
    BigDecimal value = getBigDecimal();
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override public UByte getUByte() throws SQLException {
    return wire.getUByte();
  }

  @Override public UShort getUShort() throws SQLException {
    return wire.getUShort();
  }

  @Override public UInteger getUInt() throws SQLException {
    return wire.getUInt();
  }

  @Override public ULong getULong() throws SQLException {
    return wire.getULong();
  }

  @Override public byte[] getBytes() throws SQLException {
    CarriedValue cell = cell();
    if (cell == null) {
      return null;
    }
    if (cell.value() instanceof byte[] bytes) {
      return bytes;
    }
    if (cell.value() instanceof UUID uuid) {
      // A UUID's binary form, as databases store it.
      return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
          .putLong(uuid.getLeastSignificantBits()).array();
    }
    return cell.text().getBytes(StandardCharsets.UTF_8);
  }

  @Override public InputStream getAsciiStream() throws SQLException {
    String text = getString();
    return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Override public InputStream getUnicodeStream() throws SQLException {
    String text = getString();
    return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override public InputStream getBinaryStream() throws SQLException {
    byte[] bytes = getBytes();
    return bytes == null ? null : new ByteArrayInputStream(bytes);
  }

  @Override public Reader getCharacterStream() throws SQLException {
    String text = getString();
    return text == null ? null : new StringReader(text);
  }

  @Override public Reader getNCharacterStream() throws SQLException {
    return getCharacterStream();
  }

  @Override public Ref getRef() throws SQLException {
    throw new SQLFeatureNotSupportedException("REF values do not travel over a Rowspace server.",
        "0A000");
  }

  @Override public Blob getBlob() throws SQLException {
    byte[] bytes = getBytes();
    return bytes == null ? null : new SerialBlob(bytes);
  }

  @Override public Clob getClob() throws SQLException {
    String text = getString();
    return text == null ? null : new SerialClob(text.toCharArray());
  }

  @Override public NClob getNClob() throws SQLException {
    throw new SQLFeatureNotSupportedException("Read an NCLOB over a Rowspace server with "
        + "getString or getClob.", "0A000");
  }

  @Override public Array getArray() throws SQLException {
    CarriedValue cell = cell();
    if (cell == null) {
      return null;
    }
    if (cell.value() instanceof Array array) {
      return array;
    }
    throw cannotConvert(cell, "an array");
  }

  @Override public Struct getStruct() throws SQLException {
    throw new SQLFeatureNotSupportedException("Structured values do not travel over a Rowspace "
        + "server; read them with getString.", "0A000");
  }

  @Override public SQLXML getSQLXML() throws SQLException {
    throw new SQLFeatureNotSupportedException("Read an XML value over a Rowspace server with "
        + "getString.", "0A000");
  }

  @Override public URL getURL() throws SQLException {
    String text = getString();
    try {
      return text == null ? null : URI.create(text).toURL();
    } catch (IllegalArgumentException | MalformedURLException e) {
      throw new SQLException("'" + text + "' is no URL.", "22018", e);
    }
  }

  @Override public Timestamp getTimestamp(Calendar calendar) throws SQLException {
    CarriedValue cell = cell();
    if (cell == null) {
      return null;
    }
    Object value = cell.value();
    if (value instanceof Timestamp timestamp) {
      return timestamp;
    } else if (value instanceof java.util.Date date) {
      return new Timestamp(date.getTime());
    } else if (value instanceof LocalDateTime local) {
      return Timestamp.valueOf(local);
    } else if (value instanceof LocalDate date) {
      return Timestamp.valueOf(date.atStartOfDay());
    } else if (value instanceof OffsetDateTime offset) {
      return Timestamp.from(offset.toInstant());
    } else if (value instanceof ZonedDateTime zoned) {
      return Timestamp.from(zoned.toInstant());
    } else if (value instanceof Instant instant) {
      return Timestamp.from(instant);
    }
    throw cannotConvert(cell, "a timestamp");
  }

  @Override public Date getDate(Calendar calendar) throws SQLException {
    CarriedValue cell = cell();
    if (cell == null) {
      return null;
    }
    if (cell.value() instanceof Date date) {
      return date;
    } else if (cell.value() instanceof LocalDate date) {
      return Date.valueOf(date);
    }
    Timestamp timestamp = getTimestamp(calendar);
    return Date.valueOf(timestamp.toLocalDateTime().toLocalDate());
  }

  @Override public Time getTime(Calendar calendar) throws SQLException {
    CarriedValue cell = cell();
    if (cell == null) {
      return null;
    }
    if (cell.value() instanceof Time time) {
      return time;
    } else if (cell.value() instanceof LocalTime time) {
      return Time.valueOf(time);
    }
    Timestamp timestamp = getTimestamp(calendar);
    return Time.valueOf(timestamp.toLocalDateTime().toLocalTime());
  }

  @Override public <T> T getObject(Class<T> type) throws SQLException {
    CarriedValue cell = cell();
    if (cell == null) {
      return null;
    }
    Object value = cell.value();
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    Object converted;
    if (type == String.class) {
      converted = cell.text();
    } else if (type == Timestamp.class) {
      converted = getTimestamp(null);
    } else if (type == Date.class) {
      converted = getDate(null);
    } else if (type == Time.class) {
      converted = getTime(null);
    } else if (type == LocalDateTime.class) {
      converted = getTimestamp(null).toLocalDateTime();
    } else if (type == LocalDate.class) {
      converted = getDate(null).toLocalDate();
    } else if (type == LocalTime.class) {
      converted = getTime(null).toLocalTime();
    } else if (type == OffsetDateTime.class && value instanceof ZonedDateTime zoned) {
      converted = zoned.toOffsetDateTime();
    } else if (type == Instant.class) {
      converted = getTimestamp(null).toInstant();
    } else if (type == BigDecimal.class) {
      converted = getBigDecimal();
    } else if (type == Long.class) {
      converted = getLong();
    } else if (type == Integer.class) {
      converted = getInt();
    } else if (type == Double.class) {
      converted = getDouble();
    } else if (type == Boolean.class) {
      converted = getBoolean();
    } else if (type == byte[].class) {
      converted = getBytes();
    } else if (type == UUID.class) {
      try {
        converted = UUID.fromString(cell.text());
      } catch (IllegalArgumentException e) {
        throw cannotConvert(cell, "a UUID");
      }
    } else {
      throw cannotConvert(cell, type.getName());
    }
    return type.cast(converted);
  }

  private SQLException cannotConvert(CarriedValue cell, String what) {
    return new SQLException("The " + typeName + " value '" + cell.text() + "' cannot be read as "
        + what + "; read it with getObject or getString.", "22018");
  }
}
