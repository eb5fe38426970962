package io.rowspace.jdbc.remote;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Rebuilds a database driver's own value object (PostgreSQL's {@code PGobject} for json, jsonb
 * and other types, {@code PGInterval}, ...) on the client when the driver's classes are on the
 * client's class path too, through the convention those objects follow: a public no-argument
 * constructor, {@code setType(String)} and {@code setValue(String)}. Anything else, and a class
 * the client lacks, comes as the value's text. Only that convention is used, and no class of the
 * JDK, so a server cannot make the client build anything else.
 */
final class DriverObjects {
  private DriverObjects() {
  }

  /** The object of {@code payload} ({@code class \n type name \n text}), or its text. */
  static Object rebuild(String payload) {
    int first = payload.indexOf('\n');
    int second = payload.indexOf('\n', first + 1);
    String className = payload.substring(0, first);
    String typeName = payload.substring(first + 1, second);
    String text = payload.substring(second + 1);
    if (className.startsWith("java.") || className.startsWith("javax.")
        || className.startsWith("jdk.") || className.startsWith("sun.")) {
      return text;
    }
    try {
      Class<?> type = Class.forName(className, false, loader());
      if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
        return text;
      }
      Method setType = type.getMethod("setType", String.class);
      Method setValue = type.getMethod("setValue", String.class);
      Constructor<?> constructor = type.getConstructor();
      Object value = constructor.newInstance();
      setType.invoke(value, typeName);
      setValue.invoke(value, text);
      return value;
    } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
        | IllegalAccessException | InvocationTargetException | LinkageError e) {
      return text;
    }
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : DriverObjects.class.getClassLoader();
  }
}
