package io.rowspace.server;

import io.rowspace.error.SqlStates;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufMeta;

/**
 * Keeps an error's SQLSTATE on its way to a remote client. Avatica's JDBC meta wraps a
 * statement's {@link SQLException} in a plain runtime exception, which its protocol sends with
 * state {@code 00000}; this view of the meta rethrows the first SQLException found as Avatica's
 * own error, whose state and message the client's exception carries (SPEC section 9); an
 * SQLException without a state is sent as {@code XX000}.
 */
final class ErrorStates {
  private ErrorStates() {
  }

  static ProtobufMeta keepingStates(ProtobufMeta meta) {
    return (ProtobufMeta) Proxy.newProxyInstance(ProtobufMeta.class.getClassLoader(),
        new Class<?>[] {ProtobufMeta.class}, (proxy, method, args) -> {
          try {
            return method.invoke(meta, args);
          } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            SQLException stateless = null;
            for (Throwable t = cause; t != null; t = t.getCause()) {
              if (t instanceof SQLException sql && sql.getSQLState() != null) {
                throw new AvaticaRuntimeException(sql.getMessage(), sql.getErrorCode(),
                    sql.getSQLState(), AvaticaSeverity.ERROR);
              }
              if (t instanceof SQLException sql && stateless == null) {
                stateless = sql;
              }
            }
            if (stateless != null) {
              // An error without a state is one Rowspace did not foresee: internal, not 00000.
              throw new AvaticaRuntimeException(stateless.getMessage(),
                  stateless.getErrorCode(), SqlStates.INTERNAL, AvaticaSeverity.ERROR);
            }
            throw cause;
          }
        });
  }
}
