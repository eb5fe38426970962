package io.rowspace.server;

import io.rowspace.error.ErrorCode;
import io.rowspace.jdbc.remote.CarriedValue;
import io.rowspace.sql.session.SessionSettings;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What of a remote client's connection properties reaches its Rowspace connection on the server:
 * Rowspace's own settings only. Anything else a client sends ({@code user}, {@code password},
 * H2's {@code INIT}, another database's URL settings, ...) never reaches the backing database,
 * whose URL and account are the server's. The settings that weigh on the server
 * ({@code rowspace.threads}, {@code rowspace.maxK}) can be lowered by any user and raised only by
 * an admin.
 */
final class ClientSettings {
  private static final Set<String> ANY_ROLE = Set.of("rowspace.device", "rowspace.exactSearch",
      "rowspace.maxTrainingSeconds", CarriedValue.PROPERTY);
  private static final Map<String, Integer> AT_MOST = Map.of(
      "rowspace.threads", Math.max(1, Runtime.getRuntime().availableProcessors()),
      "rowspace.maxK", SessionSettings.DEFAULT_MAX_K);

  private ClientSettings() {
  }

  /**
   * The Rowspace settings among {@code info} that {@code role} may use.
   *
   * @throws SQLException (42501) if a non-admin raises a limit, (22023) if a limit is no number
   */
  static Properties of(Map<String, String> info, Role role) throws SQLException {
    Properties settings = new Properties();
    if (info == null) {
      return settings;
    }
    for (Map.Entry<String, String> entry : info.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      if (value == null || !key.startsWith("rowspace.")) {
        continue;
      }
      Integer limit = AT_MOST.get(key);
      if (limit != null && role != Role.ADMIN) {
        long asked;
        try {
          asked = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
          throw ErrorCode.SETTING_NOT_POSITIVE.exception(key, value);
        }
        if (asked > limit) {
          throw ErrorCode.SETTING_ABOVE_LIMIT.exception(key, value, limit, role.label());
        }
        settings.setProperty(key, value);
      } else if (limit != null || ANY_ROLE.contains(key)) {
        settings.setProperty(key, value);
      }
    }
    return settings;
  }
}
