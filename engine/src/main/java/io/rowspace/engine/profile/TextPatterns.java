package io.rowspace.engine.profile;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises the shapes of strings that decide a text column's type: email addresses, URLs and
 * domains, date strings, UUIDs, hex hashes and code-like tokens; and takes emails and URLs apart
 * into the pieces their encoders use.
 */
public final class TextPatterns {
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s]+@(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,24}");
  private static final Pattern URL_WITH_SCHEME =
      Pattern.compile("(?i)(?:https?|ftp)://[^\\s/?#:]+\\.[^\\s/?#:]+(?::\\d+)?(?:[/?#]\\S*)?");
  private static final Pattern BARE_DOMAIN =
      Pattern.compile("(?i)(?:[a-z0-9-]+\\.)+([a-z]{2,24})(?:/\\S*)?");
  private static final Pattern UUID = Pattern.compile(
      "(?i)\\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}?");
  private static final Pattern HEX_HASH = Pattern.compile("(?i)(?:0x)?[0-9a-f]{16,128}");
  private static final Pattern DATE_PREFIX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");
  /** Generic top-level domains accepted for domains written without a scheme. */
  private static final Set<String> GENERIC_TLDS = Set.of("com", "org", "net", "edu", "gov",
      "mil", "int", "info", "biz", "io", "ai", "app", "dev", "co", "me", "tv", "xyz", "online",
      "site", "shop", "store", "tech", "cloud", "blog", "news", "mobi", "name", "pro");
  /** Mail providers anyone can sign up with; their domains say nothing about an employer. */
  private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com",
      "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com", "hotmail.com", "hotmail.co.uk",
      "hotmail.fr", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com",
      "mac.com", "mail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru",
      "yandex.com", "protonmail.com", "proton.me", "zoho.com", "qq.com", "163.com", "126.com",
      "free.fr", "orange.fr", "libero.it", "rediffmail.com", "tutanota.com", "fastmail.com");

  private TextPatterns() {}

  public static boolean isEmail(String s) {
    return EMAIL.matcher(s.strip()).matches();
  }

  /**
   * Whether a string is a URL with an http(s) or ftp scheme, or a bare domain (optionally with a
   * path) whose top-level domain is a country code or a common generic one, so that
   * {@code "john.doe"} is not taken for a domain.
   */
  public static boolean isUrl(String s) {
    String t = s.strip();
    if (URL_WITH_SCHEME.matcher(t).matches()) {
      return true;
    }
    var m = BARE_DOMAIN.matcher(t);
    if (!m.matches()) {
      return false;
    }
    String tld = m.group(1).toLowerCase(Locale.ROOT);
    return tld.length() == 2 || GENERIC_TLDS.contains(tld);
  }

  public static boolean isUuid(String s) {
    return UUID.matcher(s.strip()).matches();
  }

  /** Hex digits only, 16 to 128 of them, with letters and digits both present (MD5, SHA...). */
  public static boolean isHexHash(String s) {
    String t = s.strip();
    if (!HEX_HASH.matcher(t).matches()) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    for (int i = t.startsWith("0x") ? 2 : 0; i < t.length(); i++) {
      char c = t.charAt(i);
      letter |= Character.isLetter(c);
      digit |= Character.isDigit(c);
    }
    return letter && digit;
  }

  /** A token such as {@code "C-7919"} or {@code "x8Fq2Lz"}: no spaces and at least one digit. */
  public static boolean isCodeLike(String s) {
    String t = s.strip();
    if (t.length() < 4) {
      return false;
    }
    boolean digit = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isWhitespace(c)) {
        return false;
      }
      digit |= Character.isDigit(c);
    }
    return digit;
  }

  /**
   * Whether a string starts like an ISO date ({@code yyyy-mm-dd}), a cheap check before parsing,
   * or is a date in one of the other formats {@link DateText} reads.
   */
  public static boolean looksLikeDate(String s) {
    return DATE_PREFIX.matcher(s.strip()).matches() || DateText.parse(s) != null;
  }

  /** The domain of an email address, lower-cased, or {@code null} when it is not one. */
  public static String emailDomain(String s) {
    String t = s.strip();
    int at = t.lastIndexOf('@');
    return at < 0 || !isEmail(t) ? null : t.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  /** The part of an email address before the {@code @}. */
  public static String emailLocalPart(String s) {
    String t = s.strip();
    int at = t.lastIndexOf('@');
    return at < 0 ? t : t.substring(0, at);
  }

  public static boolean isFreeMail(String domain) {
    return FREE_MAIL.contains(domain);
  }

  /** The last label of a domain: {@code "uk"} for {@code "bbc.co.uk"}. */
  public static String topLevelDomain(String domain) {
    int dot = domain.lastIndexOf('.');
    return dot < 0 ? domain : domain.substring(dot + 1);
  }

  /** A URL (or bare domain) taken apart. */
  public record UrlParts(String scheme, String host, int pathDepth, boolean query) {}

  /**
   * Takes a URL or bare domain apart: scheme ({@code ""} when absent), host lower-cased without a
   * leading {@code www.}, number of non-empty path segments, whether a query string is present.
   * Returns {@code null} when the string is not a URL.
   */
  public static UrlParts url(String s) {
    String t = s.strip();
    if (!isUrl(t)) {
      return null;
    }
    String scheme = "";
    int sep = t.indexOf("://");
    if (sep > 0) {
      scheme = t.substring(0, sep).toLowerCase(Locale.ROOT);
      t = t.substring(sep + 3);
    }
    int end = t.length();
    for (char c : new char[] {'/', '?', '#', ':'}) {
      int i = t.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String host = t.substring(0, end).toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    String rest = t.substring(end);
    int q = rest.indexOf('?');
    int h = rest.indexOf('#');
    int pathEnd = q >= 0 ? q : h >= 0 ? h : rest.length();
    int depth = 0;
    for (String segment : rest.substring(0, pathEnd).split("/")) {
      if (!segment.isEmpty() && !segment.startsWith(":")) {
        depth++;
      }
    }
    return new UrlParts(scheme, host, depth, q >= 0);
  }
}
