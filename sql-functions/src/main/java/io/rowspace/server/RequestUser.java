package io.rowspace.server;

import java.util.concurrent.Callable;

/**
 * The user an HTTP request of the server was authenticated as, if any, for the thread handling
 * it: the protocol handler authenticates, the {@link ConnectionGuard} decides with it.
 *
 * @param name the user's name
 * @param role the user's role
 * @param byConnectionProperties whether the password came as connection properties of the
 *     request that opened a connection (as BI tools send it) rather than with HTTP BASIC
 */
record RequestUser(String name, Role role, boolean byConnectionProperties) {
  private static final ThreadLocal<RequestUser> CURRENT = new ThreadLocal<>();

  /** The user of the request this thread handles, or null if it was not authenticated. */
  static RequestUser current() {
    return CURRENT.get();
  }

  /** Runs {@code work} as {@code user} (null: unauthenticated). */
  static <T> T runAs(RequestUser user, Callable<T> work) throws Exception {
    RequestUser previous = CURRENT.get();
    CURRENT.set(user);
    try {
      return work.call();
    } finally {
      CURRENT.set(previous);
    }
  }
}
