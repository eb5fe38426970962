package io.rowspace.server;

import java.util.Locale;

/**
 * What a user of a Rowspace server may do. Each role is a database account of its own on the
 * backing database ({@link DatabaseAccounts}), so the database's own rights enforce it.
 */
public enum Role {
  /** Queries, model functions ({@code PREDICT}, {@code SIMILAR_ROWS}, ...) and catalog views. */
  READ("queries, model functions and catalog views"),
  /** Also changes data and creates, drops and refreshes spaces and predictors. */
  WRITE("also changing data and creating, dropping or refreshing spaces and predictors"),
  /**
   * The backing database's own account of the server: everything, including plain DDL, files and
   * Java code in the database.
   */
  ADMIN("everything the server's own database account may do, including tables, files and "
      + "Java code");

  private final String allows;

  Role(String allows) {
    this.allows = allows;
  }

  /** The role's name as written in the users file and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the role allows, in a user's words. */
  public String allows() {
    return allows;
  }

  /** The next role up, which a refused statement may need; ADMIN for ADMIN. */
  public Role above() {
    return this == READ ? WRITE : ADMIN;
  }

  /**
   * The role named {@code text} ({@code read}, {@code write} or {@code admin}).
   *
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role of(String text) {
    for (Role role : values()) {
      if (role.label().equalsIgnoreCase(text.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException("Unknown role '" + text + "': use read, write or admin.");
  }
}
