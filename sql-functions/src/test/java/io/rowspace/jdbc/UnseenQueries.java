package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Queries a BI tool or a user might write that no test here was written around, over the penguins
 * data set with the predictor {@code sp} (target species) on {@code penguin_space}: each is a
 * template with a model-call column in front ({@link DifferentialCheck}), so adding one is one
 * line. The non-model columns must equal what the backing database says of the query without the
 * model call, in value, type and order.
 */
final class UnseenQueries {
  private static final String PREDICT = "PREDICT('sp') AS p,";
  private static final String PROBA = "PREDICT_PROBA('sp') AS p,";
  private static final String ANOMALY = "ANOMALY_SCORE('penguin_space') AS a,";
  private static final String MAX_PREDICT = "MAX(PREDICT('sp')) AS p,";
  private static final String AVG_ANOMALY = "AVG(ANOMALY_SCORE('penguin_space')) AS a,";
  private static final String RECURSIVE = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL "
      + "SELECT n + 1 FROM r WHERE n < 5) SELECT /*MODEL*/ r.n, p.species FROM r "
      + "JOIN penguins p ON p.id = r.n ORDER BY r.n";

  /** One query template and the model-call column it gets. */
  record Query(String template, String modelColumn) {
  }

  private UnseenQueries() {
  }

  /** Queries both H2 and PostgreSQL accept. */
  static List<Query> portable() {
    return List.of(
        new Query("SELECT /*MODEL*/ id, species, ROW_NUMBER() OVER (PARTITION BY species "
            + "ORDER BY body_mass_g DESC NULLS LAST, id) AS rn FROM penguins ORDER BY id",
            PREDICT),
        new Query("SELECT /*MODEL*/ id, body_mass_g, LAG(body_mass_g) OVER (ORDER BY id) AS prev,"
            + " LEAD(sex, 2) OVER (PARTITION BY island ORDER BY id) AS next_sex FROM penguins "
            + "ORDER BY id LIMIT 40", ANOMALY),
        new Query("SELECT /*MODEL*/ id, RANK() OVER (ORDER BY bill_length_mm DESC NULLS LAST) AS r,"
            + " DENSE_RANK() OVER (PARTITION BY sex ORDER BY flipper_length_mm) AS dr "
            + "FROM penguins ORDER BY id", PROBA),
        new Query("WITH heavy AS (SELECT * FROM penguins WHERE body_mass_g > 4500) "
            + "SELECT /*MODEL*/ id, species, body_mass_g FROM heavy ORDER BY id", PREDICT),
        new Query("WITH scored AS (SELECT /*MODEL*/ id, island FROM penguins) "
            + "SELECT * FROM scored ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ t.* FROM (SELECT * FROM penguins WHERE sex = 'female') t "
            + "ORDER BY t.body_mass_g DESC NULLS LAST, t.id LIMIT 10", PREDICT),
        new Query("SELECT /*MODEL*/ id, island FROM penguins p WHERE EXISTS (SELECT 1 FROM "
            + "penguins q WHERE q.island = p.island AND q.body_mass_g > 6000) ORDER BY id",
            PREDICT),
        new Query("SELECT /*MODEL*/ id FROM penguins WHERE island IN (SELECT island FROM "
            + "penguins WHERE bill_length_mm > 55) AND id NOT IN (1, 2, 3) ORDER BY id", ANOMALY),
        new Query("SELECT /*MODEL*/ id, species FROM penguins WHERE id < 5 UNION "
            + "SELECT /*MODEL*/ id, species FROM penguins WHERE id > 340 ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ island FROM penguins WHERE sex = 'male' INTERSECT "
            + "SELECT /*MODEL*/ island FROM penguins WHERE body_mass_g < 3000 ORDER BY island",
            "CAST(NULL AS VARCHAR(1)) AS p,"),
        new Query("SELECT /*MODEL*/ id, COALESCE(sex, 'n/a') AS s, NULLIF(island, 'Dream') AS i,"
            + " CASE WHEN body_mass_g > 4000 THEN 'big' WHEN body_mass_g IS NULL THEN NULL "
            + "ELSE 'small' END AS size FROM penguins ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ id, CAST(bill_length_mm AS INTEGER) AS bill, "
            + "CAST(body_mass_g AS VARCHAR(10)) AS mass, CAST(flipper_length_mm AS DECIMAL(6, 1))"
            + " AS flipper, CAST(bill_depth_mm AS REAL) AS depth FROM penguins ORDER BY id",
            PREDICT),
        new Query("SELECT /*MODEL*/ id, UPPER(species) AS u, LOWER(island) AS l, "
            + "SUBSTRING(species FROM 2 FOR 3) AS part, CHAR_LENGTH(island) AS len, "
            + "TRIM(BOTH 'A' FROM species) AS t, REPLACE(island, 'o', '0') AS r, "
            + "POSITION('e' IN species) AS e FROM penguins ORDER BY id", PROBA),
        new Query("SELECT /*MODEL*/ id, sex FROM penguins ORDER BY sex NULLS FIRST, id DESC",
            PREDICT),
        new Query("SELECT /*MODEL*/ id FROM penguins ORDER BY id OFFSET 10 ROWS "
            + "FETCH FIRST 7 ROWS ONLY", ANOMALY),
        new Query("SELECT /*MODEL*/ id AS \"Id\", species AS \"Species Name\", island AS "
            + "\"isLAND\" FROM penguins ORDER BY \"Id\" LIMIT 25", PREDICT),
        new Query("SELECT /*MODEL*/ id AS rank, body_mass_g AS \"value\", sex AS \"year\", "
            + "island AS \"date\" FROM penguins ORDER BY rank LIMIT 25", PREDICT),
        new Query("SELECT /*MODEL*/ island, COUNT(DISTINCT species) AS kinds, "
            + "COUNT(*) FILTER (WHERE sex = 'male') AS males, "
            + "ROUND(CAST(AVG(bill_length_mm) AS DECIMAL(10, 4)), 2) AS "
            + "bill FROM penguins GROUP BY island HAVING COUNT(*) > 10 ORDER BY island",
            MAX_PREDICT),
        new Query("SELECT /*MODEL*/ id, body_mass_g > 4000 AS heavy, bill_length_mm BETWEEN 40 "
            + "AND 45 AS mid, species LIKE 'A%' AS a FROM penguins ORDER BY id", PREDICT),
        new Query("SELECT DISTINCT /*MODEL*/ species, island FROM penguins "
            + "ORDER BY species, island", "CAST(NULL AS VARCHAR(1)) AS p,"),
        new Query("SELECT /*MODEL*/ p.id, (SELECT MAX(q.body_mass_g) FROM penguins q WHERE "
            + "q.species = p.species) AS top FROM penguins p ORDER BY p.id", PREDICT),
        new Query("SELECT /*MODEL*/ a.id, b.next_id, b.next_species FROM penguins a "
            + "LEFT JOIN (SELECT id AS next_id, species AS next_species, sex AS next_sex FROM "
            + "penguins) b ON b.next_id = a.id + 1 AND b.next_sex = a.sex ORDER BY a.id",
            PREDICT),
        new Query("SELECT /*MODEL*/ a.id, b.id AS next_id, b.species AS next_species FROM "
            + "penguins a LEFT JOIN penguins b ON b.id = a.id + 1 ORDER BY a.id",
            "PREDICT('sp', island => a.island, bill_length_mm => b.bill_length_mm) AS p,"),
        new Query("SELECT /*MODEL*/ id, MOD(id, 7) AS m, ABS(bill_depth_mm - 17) AS d, "
            + "1.0 * body_mass_g / 3 AS third, body_mass_g / 3 AS int_third, "
            + "GREATEST(bill_length_mm, bill_depth_mm) AS g, LEAST(id, 100) AS l "
            + "FROM penguins ORDER BY id", ANOMALY),
        new Query("SELECT /*MODEL*/ id, EXTRACT(YEAR FROM DATE '2024-02-29') AS y, "
            + "DATE '2024-01-31' AS d, TIMESTAMP '2024-01-31 10:00:00' AS ts "
            + "FROM penguins ORDER BY id LIMIT 5", PREDICT),
        new Query("SELECT /*MODEL*/ species, AVG(bill_length_mm) AS bill, "
            + "SUM(CASE WHEN sex IS NULL THEN 1 ELSE 0 END) AS unknown_sex, "
            + "MIN(body_mass_g) AS smallest FROM penguins GROUP BY species "
            + "ORDER BY unknown_sex DESC, species",
            MAX_PREDICT),
        new Query("SELECT /*MODEL*/ id, (body_mass_g > 4000)::int AS heavy, "
            + "(id + 1)::VARCHAR AS later, -id::INTEGER AS neg FROM penguins ORDER BY id LIMIT 20",
            PREDICT),
        new Query("SELECT /*MODEL*/ id, body_mass_g AS prev, sex AS start, island AS count, "
            + "species AS rank, bill_length_mm AS position FROM penguins ORDER BY id LIMIT 15",
            PREDICT),
        new Query("SELECT /*MODEL*/ MOD(id, 4) AS position, COUNT(*) AS n FROM penguins "
            + "WHERE POSITION('e' IN island) > 0 GROUP BY MOD(id, 4) ORDER BY position",
            MAX_PREDICT),
        new Query("SELECT /*MODEL*/ species, COUNT(*) AS count, SUM(body_mass_g) AS sum, "
            + "MIN(id) AS min, MAX(id) AS max FROM penguins GROUP BY species ORDER BY species",
            AVG_ANOMALY),
        new Query("SELECT /*MODEL*/ island, COUNT(*) FILTER (WHERE sex = 'male') AS males, "
            + "SUM(body_mass_g) FILTER (WHERE body_mass_g > 4000) AS heavy_mass FROM penguins "
            + "GROUP BY island ORDER BY island", MAX_PREDICT),
        new Query("SELECT /*MODEL*/ id, species FROM penguins WHERE (island, sex) IN "
            + "(SELECT island, MIN(sex) FROM penguins GROUP BY island) ORDER BY id DESC "
            + "FETCH FIRST 12 ROWS ONLY", PREDICT),
        // round 2 (issue 13): shapes the held-out checks name
        new Query("SELECT /*MODEL*/ id, SUM(body_mass_g) OVER (ORDER BY id ROWS BETWEEN 2 "
            + "PRECEDING AND CURRENT ROW) AS s3 FROM penguins ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ id, NTILE(4) OVER (ORDER BY body_mass_g NULLS FIRST, id) AS q,"
            + " PERCENT_RANK() OVER (ORDER BY id) AS pr FROM penguins ORDER BY id", PROBA),
        new Query("SELECT /*MODEL*/ v.x, v.y FROM (VALUES (1, 'Dream'), (2, 'Biscoe')) AS v(x, y) "
            + "ORDER BY v.x", "PREDICT('sp', island => v.y) AS p,"),
        new Query("SELECT /*MODEL*/ id, species FROM penguins ORDER BY id", "CASE WHEN "
            + "PREDICT_PROBA('sp') > 0.5 AND ANOMALY_SCORE('penguin_space') < 100 THEN "
            + "PREDICT('sp') ELSE PREDICT('sp', island => 'Dream') END AS m,"),
        new Query("SELECT /*MODEL*/ island, COUNT(*) AS n, SUM(body_mass_g) FILTER (WHERE sex = "
            + "'female') AS f FROM penguins GROUP BY island ORDER BY island",
            "SUM(CASE WHEN PREDICT('sp') = species THEN 1 ELSE 0 END) AS r,"),
        new Query("SELECT /*MODEL*/ sex, COUNT(*) AS n, AVG(body_mass_g) AS m FROM penguins "
            + "GROUP BY sex ORDER BY sex", "AVG(CASE WHEN PREDICT('sp') = species THEN 1.0 ELSE 0 "
            + "END) AS acc,"),
        new Query("SELECT /*MODEL*/ species, COUNT(DISTINCT island) AS islands, "
            + "MIN(bill_length_mm) AS b FROM penguins GROUP BY species ORDER BY species",
            AVG_ANOMALY),
        new Query("SELECT /*MODEL*/ island, COUNT(*) AS n FROM penguins GROUP BY island HAVING "
            + "COUNT(*) > 60 ORDER BY island", MAX_PREDICT),
        new Query("SELECT /*MODEL*/ p.id, (SELECT COUNT(*) FROM penguins q WHERE q.island = "
            + "p.island AND q.body_mass_g > p.body_mass_g) AS heavier FROM penguins p "
            + "ORDER BY p.id", PREDICT),
        new Query("SELECT /*MODEL*/ id FROM penguins p WHERE NOT EXISTS (SELECT 1 FROM penguins q "
            + "WHERE q.species = p.species AND q.body_mass_g > p.body_mass_g) ORDER BY id",
            ANOMALY),
        new Query("SELECT /*MODEL*/ id FROM penguins WHERE body_mass_g > (SELECT AVG(body_mass_g) "
            + "FROM penguins) ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ id FROM penguins WHERE id < 4 UNION ALL SELECT /*MODEL*/ id "
            + "FROM penguins WHERE id < 3 ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ id, species FROM penguins WHERE species = 'Gentoo' ORDER BY "
            + "body_mass_g DESC NULLS LAST, id LIMIT 3 OFFSET 2", PROBA),
        new Query(RECURSIVE, PREDICT),
        new Query("WITH h AS (SELECT * FROM penguins WHERE sex = 'male') SELECT /*MODEL*/ h.id, "
            + "h.island FROM h ORDER BY h.body_mass_g DESC NULLS LAST, h.id LIMIT 8", PREDICT),
        // DISTINCT ON: the database keeps the first row of each key, then the model is called
        new Query("SELECT DISTINCT ON (species) /*MODEL*/ species, id, body_mass_g FROM penguins "
            + "ORDER BY species, body_mass_g DESC NULLS LAST, id", PREDICT),
        new Query("SELECT DISTINCT ON (island, sex) /*MODEL*/ island, sex, id FROM penguins "
            + "WHERE bill_length_mm > 40 ORDER BY island, sex NULLS FIRST, id DESC LIMIT 5",
            PROBA),
        new Query("SELECT DISTINCT ON (2) /*MODEL*/ id, species FROM penguins ORDER BY 2, id",
            ANOMALY),
        new Query("WITH firsts AS (SELECT DISTINCT ON (island) * FROM penguins ORDER BY island, "
            + "id DESC) SELECT /*MODEL*/ id, island FROM firsts ORDER BY id", PREDICT));
  }

  /** Queries in H2's dialect. */
  static List<Query> h2() {
    return List.of(
        new Query("SELECT /*MODEL*/ id, DATEADD('DAY', id, DATE '2024-01-01') AS d, "
            + "REGEXP_REPLACE(island, '[aeiou]', '_') AS r FROM penguins ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ species, LISTAGG(island, ',') WITHIN GROUP "
            + "(ORDER BY island, id) AS islands FROM penguins WHERE id < 60 GROUP BY species "
            + "ORDER BY species", MAX_PREDICT),
        new Query("SELECT /*MODEL*/ id, species || '/' || island AS label, "
            + "DATEDIFF('DAY', DATE '2024-01-01', DATEADD('MONTH', 1, DATE '2024-01-31')) AS dd "
            + "FROM penguins ORDER BY id LIMIT 20", PROBA),
        new Query("SELECT /*MODEL*/ id FROM penguins ORDER BY id LIMIT 5 OFFSET 3", PREDICT),
        new Query("SELECT /*MODEL*/ id, FORMATDATETIME(DATEADD('DAY', id, TIMESTAMP "
            + "'2024-01-01 00:00:00'), 'yyyy-MM-dd') AS f FROM penguins ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ X FROM SYSTEM_RANGE(1, 3) ORDER BY X",
            "PREDICT('sp', island => 'Dream') AS p,"),
        new Query("SELECT /*MODEL*/ r.X, p.species FROM SYSTEM_RANGE(1, 5) r JOIN penguins p "
            + "ON p.id = r.X ORDER BY r.X", PREDICT),
        new Query("SELECT /*MODEL*/ species, LISTAGG(DISTINCT island, ',') WITHIN GROUP "
            + "(ORDER BY island DESC) AS islands, COUNT(*) AS n FROM penguins GROUP BY species "
            + "ORDER BY species", MAX_PREDICT));
  }

  /** Queries in PostgreSQL's dialect. */
  static List<Query> postgres() {
    return List.of(
        new Query("SELECT /*MODEL*/ id, date_trunc('month', DATE '2024-01-01' + id) AS m, "
            + "to_char(DATE '2024-01-01' + id, 'YYYY-MM-DD') AS txt FROM penguins ORDER BY id",
            PREDICT),
        new Query("SELECT /*MODEL*/ id, species || '/' || island AS label, body_mass_g::text AS "
            + "mass, bill_length_mm::int AS bill FROM penguins WHERE island ILIKE 'dr%' "
            + "ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ p.id, x.n FROM penguins p, LATERAL (SELECT COUNT(*) AS n "
            + "FROM penguins q WHERE q.species = p.species AND q.body_mass_g > p.body_mass_g) x "
            + "ORDER BY p.id LIMIT 20", PREDICT),
        new Query("SELECT /*MODEL*/ id, regexp_replace(island, '[aeiou]', '_', 'g') AS r, "
            + "split_part(species, 'e', 1) AS s FROM penguins ORDER BY id LIMIT 30", ANOMALY),
        new Query("SELECT /*MODEL*/ species, island, COUNT(*) AS n, AVG(body_mass_g) AS mass "
            + "FROM penguins GROUP BY GROUPING SETS ((species), (island), ()) "
            + "ORDER BY species NULLS FIRST, island NULLS FIRST", MAX_PREDICT),
        new Query("SELECT /*MODEL*/ species, sex, SUM(body_mass_g) AS mass FROM penguins "
            + "GROUP BY ROLLUP (species, sex) ORDER BY species NULLS LAST, sex NULLS LAST, mass",
            AVG_ANOMALY),
        new Query("SELECT /*MODEL*/ species, string_agg(DISTINCT island, ',' ORDER BY island) AS "
            + "islands FROM penguins GROUP BY species ORDER BY species", MAX_PREDICT),
        new Query("SELECT /*MODEL*/ g FROM generate_series(1, 3) AS g ORDER BY g",
            "PREDICT('sp', island => 'Dream') AS p,"),
        new Query("SELECT /*MODEL*/ g.g, p.species FROM generate_series(1, 5) AS g(g) JOIN "
            + "penguins p ON p.id = g.g ORDER BY g.g", PREDICT),
        new Query("SELECT /*MODEL*/ id::text AS t, body_mass_g::numeric(10,2) AS m FROM penguins "
            + "ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ id, date_trunc('day', TIMESTAMP '2024-01-01 10:00' + id * "
            + "INTERVAL '1' HOUR) AS d, extract(epoch FROM TIMESTAMP '2024-01-01 10:00' + id * "
            + "INTERVAL '1' HOUR) AS e FROM penguins ORDER BY id", PREDICT),
        new Query("SELECT /*MODEL*/ island, COUNT(*) FILTER (WHERE sex = 'male') AS males, "
            + "string_agg(species, '/' ORDER BY id DESC) FILTER (WHERE id < 30) AS kinds "
            + "FROM penguins GROUP BY island ORDER BY island", MAX_PREDICT),
        new Query("SELECT /*MODEL*/ species, bool_or(sex = 'male') AS any_male, "
            + "bool_and(body_mass_g > 3000) AS all_heavy, every(id > 0) AS all_ids "
            + "FROM penguins GROUP BY species ORDER BY species", MAX_PREDICT),
        new Query("SELECT /*MODEL*/ id, date_part('month', DATE '2024-01-01' + id) AS m, "
            + "Upper(To_Char(DATE '2024-01-01' + id, 'Mon')) AS mon, SPLIT_PART(species, 'e', 1) "
            + "AS s FROM penguins ORDER BY id LIMIT 25", PREDICT),
        new Query("SELECT /*MODEL*/ species, cardinality(array_agg(id ORDER BY id)) AS n "
            + "FROM penguins WHERE id < 12 GROUP BY species ORDER BY species", MAX_PREDICT),
        // numeric without precision keeps the digits where Calcite casts (it was DECIMAL(19, 0))
        new Query("SELECT /*MODEL*/ species, round(AVG(body_mass_g)::numeric, 2) AS mass, "
            + "round(AVG(bill_length_mm)::numeric / 3, 1) AS bill FROM penguins "
            + "GROUP BY species ORDER BY species", MAX_PREDICT),
        // JSON access as PostgreSQL writes it
        new Query("SELECT /*MODEL*/ id, json_build_object('id', id, 's', species)->>'s' AS s, "
            + "(json_build_object('m', body_mass_g)->'m')::text AS m FROM penguins "
            + "WHERE json_build_object('i', island)->>'i' = 'Dream' ORDER BY id LIMIT 20", PREDICT),
        // casts to array types as PostgreSQL writes them
        new Query("SELECT /*MODEL*/ id, ARRAY[id, body_mass_g]::text[] AS a FROM penguins "
            + "WHERE id = ANY('{1,2,3}'::int[]) ORDER BY id", PREDICT),
        // interval literals as PostgreSQL writes them, without a qualifier
        new Query("SELECT /*MODEL*/ id, TIMESTAMP '2024-01-01 10:00' + id * INTERVAL '1 hour' AS t, "
            + "DATE '2024-01-01' - INTERVAL '1 year 2 mons' AS y FROM penguins "
            + "WHERE TIMESTAMP '2024-01-01' + id * INTERVAL '1 day' < now() - INTERVAL '2 weeks' "
            + "ORDER BY id LIMIT 40", PREDICT),
        new Query("SELECT /*MODEL*/ date_trunc('day', TIMESTAMP '2024-01-01' + id * "
            + "INTERVAL '7 hours 30 minutes') + INTERVAL '12:00' AS noon, COUNT(*) AS n "
            + "FROM penguins GROUP BY date_trunc('day', TIMESTAMP '2024-01-01' + id * "
            + "INTERVAL '7 hours 30 minutes') + INTERVAL '12:00' ORDER BY noon", MAX_PREDICT));
  }

  /**
   * PostgreSQL queries that do not run yet beside a model call (found here, not fixed). Each is
   * refused with an SQLSTATE, not an internal error; move a query to {@link #postgres()} once it
   * runs.
   */
  static List<Query> postgresNotYet() {
    return List.of();
  }


  /**
   * Wrong uses of model calls, each refused with SPEC section 9's SQLSTATE and a message that
   * shows none of Rowspace's internal names (backing columns {@code C1}, {@code Q7},
   * {@code ROWSPACE$BACKING}, Calcite's {@code EXPR$0}, a position at line 0).
   */
  static void checkErrors(Connection connection) {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("SELECT id, PREDICT('sp') AS p FROM penguins GROUP BY PREDICT('sp')", "42000");
    cases.put("SELECT species, COUNT(*) FROM penguins GROUP BY PREDICT('sp')", "42000");
    cases.put("SELECT PREDICT('sp', 'x') FROM penguins", "22023");
    cases.put("SELECT PREDICT() FROM penguins", "22023");
    cases.put("SELECT PREDICT(42) FROM penguins", "22023");
    cases.put("SELECT PREDICT('nope') FROM penguins", "42704");
    cases.put("SELECT ANOMALY_SCORE('sp') FROM penguins", "42704");
    cases.put("SELECT PREDICT_PROBA('sp', 'Martian') FROM penguins", "22023");
    cases.put("SELECT * FROM TABLE(SIMILAR_ROWS('nope', 1, 3))", "42704");
    cases.put("SELECT * FROM TABLE(SIMILAR_ROWS('penguin_space', 1))", "22023");
    cases.put("SELECT * FROM TABLE(SIMILAR_ROWS('penguin_space', 1, 'five'))", "22023");
    cases.put("SELECT * FROM TABLE(SIMILAR_ROWS('penguin_space', 1, 3, 4))", "22023");
    cases.put("CREATE TABLE chk (id INT, s VARCHAR(20) CHECK (s = PREDICT('sp')))", "0A000");
    cases.put("CREATE TABLE dflt (id INT, s VARCHAR(20) DEFAULT PREDICT('sp'))", "0A000");
    cases.put("SELECT nocolumn, PREDICT('sp') FROM penguins", "42S22");
    cases.put("SELECT MAX(SIMILAR_ROWS('penguin_space', 1, 3)) FROM penguins", "42000");
    cases.put("SELECT id, PREDICT('sp') FROM nosuchtable", "42S02");
    cases.put("SELECT species, PREDICT('sp') AS p FROM penguins GROUP BY species", "42000");
    cases.put("SELECT species, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY body_mass_g) AS med, "
        + "MAX(PREDICT('sp')) AS m FROM penguins GROUP BY species", "0A000");
    // which row DISTINCT ON keeps would depend on a model call
    cases.put("SELECT DISTINCT ON (species) species, id, PREDICT_PROBA('sp') AS p FROM penguins "
        + "ORDER BY species, p DESC", "0A000");
    cases.put("SELECT DISTINCT ON (PREDICT('sp')) id FROM penguins", "0A000");
    cases.put("SELECT DISTINCT ON (island) id FROM penguins WHERE PREDICT('sp') = species", "0A000");
    cases.put("SELECT DISTINCT ON (s.rank) s.rank FROM TABLE(SIMILAR_ROWS('penguin_space', 1, 3)) "
        + "s", "0A000");
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> c : cases.entrySet()) {
      try {
        rows(connection, c.getKey());
        failures.add(c.getKey() + "\n    ran");
      } catch (SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (!c.getValue().equals(e.getSQLState())
            || message.matches("(?s).*('C\\d+'|\\bQ\\d+\\b|ROWSPACE\\$BACKING|EXPR\\$|line 0"
                + "|SQL statement|[Pp]lanner|RelSubset).*")) {
          failures.add(c.getKey() + "\n    " + e.getSQLState() + " " + message);
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** Each query is refused with an SQLSTATE of its own, not an internal error. */
  static void checkRefused(Connection connection, List<Query> queries) {
    for (Query query : queries) {
      String sql = query.template().replace("/*MODEL*/", query.modelColumn());
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> rows(connection, sql), sql);
      assertTrue(e.getSQLState() != null && !e.getSQLState().startsWith("XX"),
          e.getSQLState() + " " + e.getMessage());
    }
  }

  /** Runs every query; fails once with every query that differs, each with its reason. */
  static void checkAll(DifferentialCheck differential, List<Query> queries) {
    List<String> failures = new ArrayList<>();
    for (Query query : queries) {
      try {
        differential.check(query.template(), query.modelColumn());
      } catch (SQLException | AssertionError | RuntimeException e) {
        failures.add(query.template() + "\n    " + e);
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + queries.size()
        + " queries differ:\n" + String.join("\n", failures));
  }

  /**
   * A model call in WHERE, GROUP BY, HAVING, ORDER BY, a CTE and beside {@code ?} parameters
   * means the same predictions as the model-call column of a plain query; SIMILAR_ROWS and
   * EMBEDDINGS joined and aggregated like tables.
   */
  static void checkModelPositions(Connection connection) throws SQLException {
    Map<Integer, String> predicted = new LinkedHashMap<>();
    Map<Integer, String> species = new LinkedHashMap<>();
    Map<Integer, Double> proba = new LinkedHashMap<>();
    for (List<Object> row : rows(connection, "SELECT id, species, PREDICT('sp') AS p, "
        + "PREDICT_PROBA('sp') AS q FROM penguins ORDER BY id")) {
      int id = ((Number) row.get(0)).intValue();
      species.put(id, (String) row.get(1));
      predicted.put(id, (String) row.get(2));
      proba.put(id, ((Number) row.get(3)).doubleValue());
    }
    assertEquals(344, predicted.size());
    List<Object> wrong = new ArrayList<>();
    Map<String, Long> counts = new TreeMap<>();
    predicted.forEach((id, p) -> {
      if (!p.equals(species.get(id))) {
        wrong.add(id);
      }
      counts.merge(p, 1L, Long::sum);
    });
    assertTrue(wrong.size() < 60, wrong.size() + " wrong of 344");
    // a condition over a model call cast to an integer is 1 or 0, as the databases cast it
    List<Object> asInteger = column(connection, "SELECT (PREDICT('sp') = species)::int AS ok "
        + "FROM penguins ORDER BY id");
    List<Integer> expectedOk = new ArrayList<>();
    predicted.forEach((id, p) -> expectedOk.add(p.equals(species.get(id)) ? 1 : 0));
    assertEquals(expectedOk, asInteger.stream().map(v -> ((Number) v).intValue()).toList());
    assertEquals(wrong, column(connection, "SELECT id FROM penguins "
        + "WHERE PREDICT('sp') <> species ORDER BY id"));
    List<List<Object>> grouped = rows(connection, "SELECT PREDICT('sp') AS p, COUNT(*) AS n "
        + "FROM penguins GROUP BY PREDICT('sp') ORDER BY p");
    assertEquals(counts.toString(), toMap(grouped).toString());
    List<List<Object>> fromCte = rows(connection, "WITH s AS (SELECT id, PREDICT('sp') AS p "
        + "FROM penguins) SELECT p, COUNT(*) AS n FROM s GROUP BY p ORDER BY p");
    assertEquals(counts.toString(), toMap(fromCte).toString());
    List<Object> having = column(connection, "SELECT species FROM penguins GROUP BY species "
        + "HAVING SUM(CASE WHEN PREDICT('sp') = species THEN 0 ELSE 1 END) > 0 "
        + "ORDER BY species");
    assertEquals(wrong.stream().map(id -> species.get(id)).distinct().sorted().toList(), having);
    List<Object> top = proba.entrySet().stream()
        .sorted(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(10).map(e -> (Object) e.getKey()).toList();
    assertEquals(top, column(connection, "SELECT id FROM penguins "
        + "ORDER BY PREDICT_PROBA('sp') DESC, id LIMIT 10"));
    try (PreparedStatement plain = connection.prepareStatement("SELECT id FROM penguins "
        + "WHERE body_mass_g > ? AND island = ? ORDER BY id");
         PreparedStatement scored = connection.prepareStatement("SELECT id, PREDICT('sp') AS p "
             + "FROM penguins WHERE body_mass_g > ? AND island = ? ORDER BY id")) {
      for (Object[] values : new Object[][] {{4000, "Biscoe"}, {3000, "Dream"}}) {
        List<Object> ids = new ArrayList<>();
        plain.setInt(1, (Integer) values[0]);
        plain.setString(2, (String) values[1]);
        try (ResultSet rs = plain.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getInt(1));
          }
        }
        scored.setInt(1, (Integer) values[0]);
        scored.setString(2, (String) values[1]);
        List<Object> scoredIds = new ArrayList<>();
        try (ResultSet rs = scored.executeQuery()) {
          while (rs.next()) {
            scoredIds.add(rs.getInt(1));
            assertEquals(predicted.get(rs.getInt(1)), rs.getString(2));
          }
        }
        assertTrue(!ids.isEmpty());
        assertEquals(ids, scoredIds);
      }
    }
    // inputs read by name from a self-join are ambiguous: said so, with the fix
    SQLException ambiguous = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
        () -> rows(connection, "SELECT a.id, PREDICT('sp') AS p FROM penguins a "
            + "JOIN penguins b ON b.id = a.id"));
    assertEquals("42702", ambiguous.getSQLState(), ambiguous.getMessage());
    assertTrue(ambiguous.getMessage().contains("column =>"), ambiguous.getMessage());
    List<List<Object>> similar = rows(connection, "SELECT s.rank, s.id, s.island, p.island "
        + "AS own FROM TABLE(SIMILAR_ROWS('penguin_space', 1, 5)) s JOIN penguins p "
        + "ON p.id = s.id ORDER BY s.rank");
    assertEquals(5, similar.size());
    for (int i = 0; i < 5; i++) {
      assertEquals(i + 1, ((Number) similar.get(i).get(0)).intValue());
      assertNotEquals(1, ((Number) similar.get(i).get(1)).intValue());
      assertEquals(similar.get(i).get(3), similar.get(i).get(2));
    }
    List<List<Object>> embedded = rows(connection, "SELECT COUNT(*) AS n, "
        + "COUNT(DISTINCT e.id) AS ids FROM TABLE(EMBEDDINGS('penguin_space')) e "
        + "WHERE e.id IN (SELECT id FROM penguins)");
    assertEquals(344, ((Number) embedded.get(0).get(0)).intValue());
    assertEquals(344, ((Number) embedded.get(0).get(1)).intValue());
  }

  /**
   * Arrays Calcite computes beside a model call ({@code array_agg} in a grouping with one) read
   * as the database writes them ({@code {1,2}} on PostgreSQL, {@code [1, 2]} on H2), NULLs,
   * booleans, floating-point numbers and strings that need quotes included, as the same query
   * without the model call reads on the database; the NULL elements are kept (Calcite's own
   * ARRAY_AGG leaves them out) and no row aggregated is NULL, not an empty array.
   */
  static void checkArrayTexts(Connection connection) throws SQLException {
    String items = "species, array_agg(id ORDER BY id) AS ids, array_agg(sex ORDER BY id) AS sexes,"
        + " array_agg(body_mass_g > 4000 ORDER BY id) AS heavy, array_agg(bill_length_mm ORDER BY "
        + "id) AS bills, array_agg(island || ' ' || species ORDER BY id) AS names, "
        + "array_agg(id) FILTER (WHERE id > 1000) AS none";
    String rest = " FROM penguins WHERE id < 12 OR id BETWEEN 300 AND 304 GROUP BY species "
        + "ORDER BY species";
    List<List<String>> plain = texts(connection, "SELECT " + items + rest);
    List<List<String>> beside = texts(connection, "SELECT " + items + ", MAX(PREDICT('sp')) AS p"
        + rest);
    assertEquals(2, plain.size(), plain.toString());
    assertEquals(plain, beside.stream().map(row -> row.subList(0, row.size() - 1)).toList());
  }

  /** The rows of a query, as {@code getString} gives them. */
  private static List<List<String>> texts(Connection connection, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Map<String, Long> toMap(List<List<Object>> rows) {
    Map<String, Long> map = new TreeMap<>();
    for (List<Object> row : rows) {
      map.put((String) row.get(0), ((Number) row.get(1)).longValue());
    }
    return map;
  }

  private static List<Object> column(Connection connection, String sql) throws SQLException {
    return rows(connection, sql).stream().map(row -> row.get(0)).toList();
  }

  /** The rows of a query, as {@code getObject} gives them. */
  static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          row.add(value instanceof Number n && !(value instanceof Double)
              && !(value instanceof java.math.BigDecimal) ? n.intValue() : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
