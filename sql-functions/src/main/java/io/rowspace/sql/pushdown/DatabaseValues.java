package io.rowspace.sql.pushdown;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The backing database's own objects and texts of one column of a {@link BackingQueryTable},
 * beside the values Calcite holds for them: an interval, a JSON document, a UUID or an array
 * travels through Calcite as its text, and a result column that passes it through unchanged hands
 * out the database's object again ({@code getObject} as the database's driver gives it).
 *
 * <p>Each remembered value is found by the very value Calcite holds: equal values of one column
 * share one instance (the first one read), which is the key here, held weakly, so a value is
 * remembered exactly while a row Calcite still holds refers to it, and memory follows the rows
 * in flight, not the rows read.
 */
public final class DatabaseValues {
  private final Map<Object, Kept> kept = new WeakHashMap<>();

  /** The database's object and text of a value, and (weakly) the instance Calcite holds. */
  private record Kept(WeakReference<Object> value, Object object, String text) {
  }

  /**
   * Remembers the database's {@code object} and {@code text} for Calcite's {@code value} and
   * returns the instance Calcite is to hold: an earlier equal one if it is still held, so the
   * remembered entry stays while any row refers to it.
   */
  synchronized Object keep(Object value, Object object, String text) {
    Kept known = kept.get(value);
    if (known != null) {
      Object held = known.value().get();
      if (held != null) {
        return held;
      }
    }
    kept.put(value, new Kept(new WeakReference<>(value), object, text));
    return value;
  }

  /** The database's object for Calcite's {@code value}, or {@code value} if it was not read here. */
  public synchronized Object object(Object value) {
    Kept known = value == null ? null : kept.get(value);
    return known == null ? value : known.object();
  }

  /** The database's text of Calcite's {@code value}, or null if it was not read here. */
  public synchronized String text(Object value) {
    Kept known = value == null ? null : kept.get(value);
    return known == null ? null : known.text();
  }
}
