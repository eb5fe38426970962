package io.rowspace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid statement into a likely invalid one, deterministically for a given random
 * source: deletes, duplicates or swaps tokens, replaces literals by NULL, huge or wrongly typed
 * values, identifiers by very long or non-Latin names, nests expressions deeply, or cuts the
 * statement short. Each mutation is named, so a finding says how its statement was made.
 */
final class StatementMutator {
  /** The kinds of mutation, in the order the report lists them. */
  enum Kind {
    NONE, DELETE_TOKEN, DUPLICATE_TOKEN, SWAP_TOKENS, RANDOM_LITERAL, NULL_ARGUMENT, LONG_NAME,
    UNICODE, DEEP_NESTING, LONG_EXPRESSION, HUGE_NUMBER, WRONG_TYPE, INSERT_KEYWORD, TRUNCATE
  }

  /** A mutated statement and the mutations that made it. */
  record Mutant(String sql, List<Kind> kinds) {
  }

  private static final String[] UNICODE_NAMES = {
      "\"клиенты\"", "\"顧客\"", "\"عميل\"", "\"😀\"", "\"Ωμέγα\"", "\"名前_δ\"", "\"\"",
      "\"a\u0000b\"", "\"\uD83D\"", "клиент", "顧客"};
  private static final String[] UNICODE_STRINGS = {
      "'Привет'", "'日本語'", "'مرحبا'", "'😀🚀'", "''", "'\uD83D'", "'a''b'", "'\u0000'",
      "'\u202Eabc'"};
  private static final String[] HUGE_NUMBERS = {
      "99999999999999999999999999999999999999", "1e400", "-1e400", "2147483648", "-2147483649",
      "9223372036854775808", "0.0000000000000000000000000000001", "1E-400", "-0", "0"};
  private static final String[] WRONG_TYPES = {
      "'ten'", "TRUE", "DATE '2020-01-01'", "TIMESTAMP '2020-01-01 00:00:00'", "X'FF'",
      "ARRAY[1, 2]", "INTERVAL '1' DAY", "CAST(NULL AS INTEGER)", "(SELECT 1)", "*", "-1",
      "1.5"};
  private static final String[] KEYWORDS = {
      "SELECT", "FROM", "WHERE", "PREDICT", "TABLE", "(", ")", ",", "=>", "CASCADE", "WITH",
      "NULL", "EMBEDDING", "SPACE", "PREDICTOR", "ON", "TARGET", "OR REPLACE", "IF NOT EXISTS",
      "AS", "ORDER BY", "LIMIT", "UNION", "JOIN", "'", "\"", ";", "--", "/*", "?", "DEFAULT",
      "SIMILAR_ROWS", "PREDICT_PROBA", "PREDICT_DETAILS", "ANOMALY_SCORE", "EMBEDDINGS"};

  private final Random random;

  StatementMutator(Random random) {
    this.random = random;
  }

  /** One to three mutations of a statement; one statement in ten is left as it is. */
  Mutant mutate(String sql) {
    if (random.nextInt(10) == 0) {
      return new Mutant(sql, List.of(Kind.NONE));
    }
    List<String> tokens = new ArrayList<>(SqlTokens.split(sql));
    List<Kind> kinds = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count && !tokens.isEmpty(); i++) {
      Kind kind = Kind.values()[1 + random.nextInt(Kind.values().length - 1)];
      apply(kind, tokens);
      kinds.add(kind);
    }
    return new Mutant(SqlTokens.join(tokens), kinds);
  }

  private void apply(Kind kind, List<String> tokens) {
    int at = random.nextInt(tokens.size());
    switch (kind) {
    case DELETE_TOKEN -> tokens.remove(at);
    case DUPLICATE_TOKEN -> tokens.add(at, tokens.get(at));
    case SWAP_TOKENS -> {
      int other = random.nextInt(tokens.size());
      String token = tokens.get(at);
      tokens.set(at, tokens.get(other));
      tokens.set(other, token);
    }
    case RANDOM_LITERAL -> tokens.set(pick(tokens, true), randomLiteral());
    case NULL_ARGUMENT -> tokens.set(argumentPosition(tokens), "NULL");
    case LONG_NAME -> tokens.set(pick(tokens, false), longName());
    case UNICODE -> {
      int position = pick(tokens, true);
      tokens.set(position, SqlTokens.isLiteral(tokens.get(position))
          ? UNICODE_STRINGS[random.nextInt(UNICODE_STRINGS.length)]
          : UNICODE_NAMES[random.nextInt(UNICODE_NAMES.length)]);
    }
    case DEEP_NESTING -> {
      int position = pick(tokens, true);
      int depth = new int[] {10, 100, 500, 2_000, 5_000}[random.nextInt(5)];
      tokens.set(position, "(".repeat(depth) + tokens.get(position) + ")".repeat(depth));
    }
    case LONG_EXPRESSION -> {
      int position = pick(tokens, true);
      int terms = new int[] {50, 1_000, 3_000}[random.nextInt(3)];
      StringBuilder sum = new StringBuilder(tokens.get(position));
      for (int i = 0; i < terms; i++) {
        sum.append(random.nextBoolean() ? " + 1" : " * 1");
      }
      tokens.set(position, sum.toString());
    }
    case HUGE_NUMBER -> tokens.set(pick(tokens, true),
        HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)]);
    case WRONG_TYPE -> tokens.set(pick(tokens, true),
        WRONG_TYPES[random.nextInt(WRONG_TYPES.length)]);
    case INSERT_KEYWORD -> tokens.add(at, KEYWORDS[random.nextInt(KEYWORDS.length)]);
    case TRUNCATE -> tokens.subList(Math.max(1, at), tokens.size()).clear();
    default -> {
    }
    }
  }

  /** A random position holding a literal (or, failing that, an identifier) or any token. */
  private int pick(List<String> tokens, boolean literal) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (literal ? SqlTokens.isLiteral(token) : SqlTokens.isIdentifier(token)) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      return random.nextInt(tokens.size());
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  /** A position right after an opening parenthesis or a comma: a function's argument. */
  private int argumentPosition(List<String> tokens) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 1; i < tokens.size(); i++) {
      String previous = tokens.get(i - 1);
      if (previous.equals("(") || previous.equals(",") || previous.equals("=>")) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      return random.nextInt(tokens.size());
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  private String randomLiteral() {
    return switch (random.nextInt(5)) {
    case 0 -> "NULL";
    case 1 -> Integer.toString(random.nextInt(2_001) - 1_000);
    case 2 -> "'" + "x".repeat(random.nextInt(10) == 0 ? 70_000 : random.nextInt(20)) + "'";
    case 3 -> Double.toString(random.nextGaussian() * 1e6);
    default -> UNICODE_STRINGS[random.nextInt(UNICODE_STRINGS.length)];
    };
  }

  private String longName() {
    int length = new int[] {129, 257, 1_025, 5_000}[random.nextInt(4)];
    String name = "n".repeat(length);
    return random.nextBoolean() ? name : '"' + name + '"';
  }
}
