package io.rowspace.sql.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results a model already computed for rows of the current query, by the row's packed input
 * values. A model's output depends only on its inputs, so a result computed in a batch before
 * the query runs is the one the row would get on its own.
 *
 * @param <T> the result of one row
 */
public final class RowResults<T> {
  private final Map<String, T> byRow = new ConcurrentHashMap<>();

  /** The result computed for a row, or null. */
  public T get(String columns, String values) {
    return byRow.get(key(columns, values));
  }

  public void put(String columns, String values, T result) {
    byRow.put(key(columns, values), result);
  }

  public int size() {
    return byRow.size();
  }

  private static String key(String columns, String values) {
    return columns + '\u0000' + values;
  }
}
