package io.rowspace.sql.session;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.ModelVersions;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * The connection properties of Rowspace's own (SPEC section 2), read once when a connection
 * opens: {@code rowspace.device}, {@code rowspace.threads}, {@code rowspace.maxTrainingSeconds},
 * {@code rowspace.maxK}, {@code rowspace.exactSearch} ({@code true} makes {@code SIMILAR_ROWS}
 * search exactly even where a space has a search index, e.g. to measure the index's recall) and
 * {@code rowspace.checkpointSeconds} (how often training saves a checkpoint to resume from),
 * {@code rowspace.keepVersions} (versions of a space or predictor kept for rollback, the current
 * one among them) and {@code rowspace.fileAccess} ({@code false} refuses EXPORT and IMPORT,
 * which read and write files of this process: a Rowspace server sets it for every role but
 * admin, and a client cannot set it there).
 */
public record SessionSettings(String device, int threads, long maxTrainingSeconds, int maxK,
    boolean exactSearch, long checkpointSeconds, int keepVersions, boolean fileAccess) {
  /** The connection property that refuses EXPORT and IMPORT when {@code false}. */
  public static final String FILE_ACCESS = "rowspace.fileAccess";
  public static final int DEFAULT_MAX_K = 1000;
  /** Seconds between training checkpoints unless {@code rowspace.checkpointSeconds} says. */
  public static final long DEFAULT_CHECKPOINT_SECONDS = 120;

  /** Settings as before checkpoints were configurable: checkpoints every two minutes. */
  public SessionSettings(String device, int threads, long maxTrainingSeconds, int maxK,
      boolean exactSearch) {
    this(device, threads, maxTrainingSeconds, maxK, exactSearch, DEFAULT_CHECKPOINT_SECONDS);
  }

  /** Settings as before versions were kept: the default count, files allowed. */
  public SessionSettings(String device, int threads, long maxTrainingSeconds, int maxK,
      boolean exactSearch, long checkpointSeconds) {
    this(device, threads, maxTrainingSeconds, maxK, exactSearch, checkpointSeconds,
        ModelVersions.DEFAULT_KEEP, true);
  }

  public static SessionSettings from(Properties info) throws SQLException {
    String device = info.getProperty("rowspace.device", "auto").toLowerCase(Locale.ROOT);
    if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
      throw ErrorCode.DEVICE_SETTING.exception(device);
    }
    int threads = (int) positive(info, "rowspace.threads",
        Math.max(1, Runtime.getRuntime().availableProcessors()));
    long maxSeconds = positive(info, "rowspace.maxTrainingSeconds", 0);
    int maxK = (int) positive(info, "rowspace.maxK", DEFAULT_MAX_K);
    String exact = info.getProperty("rowspace.exactSearch", "false").trim()
        .toLowerCase(Locale.ROOT);
    if (!exact.equals("true") && !exact.equals("false")) {
      throw ErrorCode.SETTING_NOT_BOOLEAN.exception("rowspace.exactSearch", exact);
    }
    int keepVersions = (int) positive(info, "rowspace.keepVersions", ModelVersions.DEFAULT_KEEP);
    String fileAccess = info.getProperty(FILE_ACCESS, "true").trim().toLowerCase(Locale.ROOT);
    if (!fileAccess.equals("true") && !fileAccess.equals("false")) {
      throw ErrorCode.SETTING_NOT_BOOLEAN.exception(FILE_ACCESS, fileAccess);
    }
    return new SessionSettings(device, threads, maxSeconds, maxK, exact.equals("true"),
        checkpointSeconds(info), keepVersions, fileAccess.equals("true"));
  }

  /**
   * {@code rowspace.checkpointSeconds} (connection property, else system property): seconds
   * between the checkpoints of a training run; 0 after every epoch.
   */
  private static long checkpointSeconds(Properties info) throws SQLException {
    String value = info.getProperty("rowspace.checkpointSeconds",
        System.getProperty("rowspace.checkpointSeconds"));
    if (value == null) {
      return DEFAULT_CHECKPOINT_SECONDS;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed >= 0 && parsed <= Integer.MAX_VALUE) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ErrorCode.CHECKPOINT_SECONDS_SETTING.exception(value);
  }

  private static long positive(Properties info, String name, long defaultValue)
      throws SQLException {
    String value = info.getProperty(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed > 0 && parsed <= Integer.MAX_VALUE) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ErrorCode.SETTING_NOT_POSITIVE.exception(name, value);
  }
}
