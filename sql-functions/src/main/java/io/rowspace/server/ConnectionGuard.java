package io.rowspace.server;

import io.rowspace.error.ErrorCode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.ProtobufMeta;

/**
 * Who may use which remote connection. A connection is opened for the user its request was
 * authenticated as (with the role's database account, see {@link RoleMeta}), and from then on
 * serves only that user: a request naming another user's connection or statement, whose ids a
 * client could guess (statement ids count up), is answered as if it did not exist. A connection
 * whose password came as connection properties, as BI tools send it, is used by requests without
 * credentials; its random id then stands for the login. On a server without a users file every
 * client has role {@code write}.
 *
 * <p>Refusals of the database for lack of rights come back as SQLSTATE 42501 naming the user's
 * role and the role that would be needed.
 */
final class ConnectionGuard implements InvocationHandler {
  /** The user of a server without a users file. */
  static final String ANONYMOUS = "anonymous";
  private static final Role ANONYMOUS_ROLE = Role.WRITE;
  /** H2's "Admin rights are required for this operation". */
  private static final int H2_ADMIN_REQUIRED = 90040;
  private static final Set<String> NO_PRIVILEGE_STATES = Set.of("42501", "90040", "90096");

  private record Owner(String user, Role role, boolean byConnectionProperties) {
  }

  private final ProtobufMeta meta;
  private final boolean authenticating;
  private final Map<String, Owner> owners = new ConcurrentHashMap<>();
  private final Map<Integer, String> statements = new ConcurrentHashMap<>();

  private ConnectionGuard(ProtobufMeta meta, boolean authenticating) {
    this.meta = meta;
    this.authenticating = authenticating;
  }

  /**
   * Guards {@code meta}.
   *
   * @param authenticating whether the server has users (else every client is anonymous)
   */
  static ProtobufMeta guarding(ProtobufMeta meta, boolean authenticating) {
    return (ProtobufMeta) Proxy.newProxyInstance(ProtobufMeta.class.getClassLoader(),
        new Class<?>[] {ProtobufMeta.class}, new ConnectionGuard(meta, authenticating));
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(this, args);
    }
    if (method.getName().equals("openConnection")) {
      open((Meta.ConnectionHandle) args[0], cast(args[1]));
      return null;
    }
    Owner owner = null;
    for (Object arg : args == null ? new Object[0] : args) {
      if (arg instanceof Meta.ConnectionHandle handle) {
        owner = owner(handle.id);
      } else if (arg instanceof Meta.StatementHandle handle) {
        owner = owner(handle.connectionId);
        if (!handle.connectionId.equals(statements.get(handle.id))) {
          throw new NoSuchStatementException(handle);
        }
      }
    }
    Object result;
    try {
      result = method.invoke(meta, args);
    } catch (InvocationTargetException e) {
      throw explained(e.getCause(), owner);
    }
    remember(result);
    if (method.getName().equals("closeStatement")) {
      statements.remove(((Meta.StatementHandle) args[0]).id);
    } else if (method.getName().equals("closeConnection")) {
      String id = ((Meta.ConnectionHandle) args[0]).id;
      owners.remove(id);
      statements.values().removeIf(id::equals);
    }
    return result;
  }

  private void open(Meta.ConnectionHandle handle, Map<String, String> info) throws Throwable {
    RequestUser user = RequestUser.current();
    Owner owner;
    if (!authenticating) {
      owner = new Owner(ANONYMOUS, ANONYMOUS_ROLE, true);
    } else if (user == null) {
      throw ErrorCode.CREDENTIALS_NEEDED.exception();
    } else {
      owner = new Owner(user.name(), user.role(), user.byConnectionProperties());
    }
    Map<String, String> settings = new HashMap<>();
    ClientSettings.of(info, owner.role())
        .forEach((key, value) -> settings.put(key.toString(), value.toString()));
    settings.put(RoleMeta.ROLE, owner.role().name());
    try {
      meta.openConnection(handle, settings);
    } catch (RuntimeException e) {
      throw explained(e, owner);
    }
    owners.put(handle.id, owner);
  }

  /** The owner of connection {@code id}, if this request may use it. */
  private Owner owner(String id) {
    Owner owner = owners.get(id);
    if (owner == null || !authenticating) {
      if (owner == null) {
        throw new NoSuchConnectionException(id);
      }
      return owner;
    }
    RequestUser user = RequestUser.current();
    boolean mayUse = user != null ? user.name().equals(owner.user())
        : owner.byConnectionProperties();
    if (!mayUse) {
      throw new NoSuchConnectionException(id);
    }
    return owner;
  }

  private void remember(Object result) {
    if (result instanceof Meta.StatementHandle handle) {
      statements.put(handle.id, handle.connectionId);
    } else if (result instanceof Meta.MetaResultSet resultSet) {
      statements.put(resultSet.statementId, resultSet.connectionId);
    } else if (result instanceof Meta.ExecuteResult execute) {
      for (Meta.MetaResultSet resultSet : execute.resultSets) {
        statements.put(resultSet.statementId, resultSet.connectionId);
      }
    }
  }

  /** {@code failure}, or the database's refusal for lack of rights told in terms of roles. */
  private static Throwable explained(Throwable failure, Owner owner) {
    if (owner == null || owner.role() == Role.ADMIN) {
      return failure;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && NO_PRIVILEGE_STATES.contains(sql.getSQLState())) {
        String said = sql.getMessage().split("\n", 2)[0].replaceFirst("; SQL statement:$", "");
        boolean adminOnly = sql.getErrorCode() == H2_ADMIN_REQUIRED
            || owner.role() == Role.WRITE;
        String needed = adminOnly ? "it needs role admin (" + Role.ADMIN.allows() + ")"
            : "role write allows " + Role.WRITE.allows().replaceFirst("^also ", "")
                + "; anything else (creating tables, files, Java code) needs role admin";
        return new RuntimeException(ErrorCode.ROLE_MAY_NOT.exception(sql, owner.user(),
            owner.role().label(), needed, adminOnly ? "admin" : "write|admin", said));
      }
    }
    return failure;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> cast(Object info) {
    return (Map<String, String>) info;
  }
}
