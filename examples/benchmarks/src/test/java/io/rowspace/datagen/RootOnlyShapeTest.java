package io.rowspace.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The most common multi-table shape: a root table holding only its key and the target, with
 * everything else in a related table. The space trains on the related table and the predictor
 * predicts, as a user sees it through JDBC.
 */
@Tag("slow")
class RootOnlyShapeTest {

  @Test
  void aRootWithOnlyKeyAndTargetTrainsOnItsRelatedTableAndPredicts() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:rowspace:h2:mem:root_only_"
        + System.nanoTime()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schools (school_id INTEGER PRIMARY KEY, sector VARCHAR(10))");
      s.execute("CREATE TABLE students (student_id INTEGER PRIMARY KEY, school_id INTEGER "
          + "REFERENCES schools(school_id), fee DOUBLE PRECISION, uniform VARCHAR(3))");
      Random random = new Random(11);
      int student = 0;
      try (PreparedStatement school = c.prepareStatement("INSERT INTO schools VALUES (?, ?)");
           PreparedStatement pupil = c.prepareStatement(
               "INSERT INTO students VALUES (?, ?, ?, ?)")) {
        for (int id = 1; id <= 300; id++) {
          boolean privateSchool = random.nextBoolean();
          school.setInt(1, id);
          // The newest schools have no sector yet: they are the ones to predict.
          school.setString(2, id > 290 ? null : privateSchool ? "private" : "public");
          school.addBatch();
          int pupils = 2 + random.nextInt(8);
          for (int k = 0; k < pupils; k++) {
            pupil.setInt(1, ++student);
            pupil.setInt(2, id);
            pupil.setDouble(3, Math.round((privateSchool ? 900 : 100) * (0.5 + random.nextDouble())));
            pupil.setString(4, random.nextDouble() < (privateSchool ? 0.8 : 0.2) ? "yes" : "no");
            pupil.addBatch();
          }
        }
        school.executeBatch();
        pupil.executeBatch();
      }
      s.executeUpdate("CREATE EMBEDDING SPACE schooling ON schools");
      s.executeUpdate("CREATE PREDICTOR sector_pred ON schooling TARGET sector");
      try (ResultSet rs = s.executeQuery("SELECT auc FROM ROWSPACE.PREDICTORS "
          + "WHERE name = 'SECTOR_PRED'")) {
        assertTrue(rs.next());
        double auc = rs.getDouble(1);
        assertTrue(auc > 0.9, "learned from the students alone: validation AUC " + auc);
      }
      // New schools: the sector follows their students' fees.
      int right = 0;
      try (ResultSet rs = s.executeQuery("SELECT school_id, PREDICT('sector_pred') AS p, "
          + "(SELECT AVG(fee) FROM students t WHERE t.school_id = schools.school_id) AS fee "
          + "FROM schools WHERE sector IS NULL ORDER BY school_id")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          String expected = rs.getDouble("FEE") > 500 ? "private" : "public";
          if (expected.equals(rs.getString("P").toLowerCase(Locale.ROOT))) {
            right++;
          }
        }
        assertEquals(10, rows);
      }
      assertTrue(right >= 9, right + " of 10 new schools predicted right");
    }
  }

  /**
   * The target left out of the space (so that the space cannot learn it from the rows it later
   * trains a predictor on) leaves the root with its key alone: the space learns from the two
   * related tables, and the predictor of the left-out column still predicts.
   */
  @Test
  void aRootWithOnlyItsKeyTrainsOnItsRelatedTablesWhenTheTargetIsLeftOut() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:rowspace:h2:mem:root_key_only_"
        + System.nanoTime()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schools (school_id INTEGER PRIMARY KEY, sector VARCHAR(10))");
      s.execute("CREATE TABLE students (student_id INTEGER PRIMARY KEY, school_id INTEGER "
          + "REFERENCES schools(school_id), fee DOUBLE PRECISION)");
      s.execute("CREATE TABLE teachers (teacher_id INTEGER PRIMARY KEY, school_id INTEGER "
          + "REFERENCES schools(school_id), salary DOUBLE PRECISION)");
      Random random = new Random(12);
      try (PreparedStatement school = c.prepareStatement("INSERT INTO schools VALUES (?, ?)");
           PreparedStatement pupil = c.prepareStatement("INSERT INTO students VALUES (?, ?, ?)");
           PreparedStatement teacher = c.prepareStatement(
               "INSERT INTO teachers VALUES (?, ?, ?)")) {
        int student = 0;
        int staff = 0;
        for (int id = 1; id <= 300; id++) {
          boolean privateSchool = random.nextBoolean();
          school.setInt(1, id);
          school.setString(2, privateSchool ? "private" : "public");
          school.addBatch();
          for (int k = 0; k < 2 + random.nextInt(6); k++) {
            pupil.setInt(1, ++student);
            pupil.setInt(2, id);
            pupil.setDouble(3, Math.round((privateSchool ? 900 : 100) * (0.5 + random.nextDouble())));
            pupil.addBatch();
          }
          for (int k = 0; k < 1 + random.nextInt(3); k++) {
            teacher.setInt(1, ++staff);
            teacher.setInt(2, id);
            teacher.setDouble(3, Math.round(30_000 + 20_000 * random.nextDouble()));
            teacher.addBatch();
          }
        }
        school.executeBatch();
        pupil.executeBatch();
        teacher.executeBatch();
      }
      s.executeUpdate("CREATE EMBEDDING SPACE schooling ON schools EXCLUDE COLUMNS (sector)");
      s.executeUpdate("CREATE PREDICTOR sector_pred ON schooling TARGET sector");
      try (ResultSet rs = s.executeQuery("SELECT auc FROM ROWSPACE.PREDICTORS "
          + "WHERE name = 'SECTOR_PRED'")) {
        assertTrue(rs.next());
        double auc = rs.getDouble(1);
        assertTrue(auc > 0.9, "learned from the students alone: validation AUC " + auc);
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schools "
          + "WHERE PREDICT('sector_pred') = sector")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) >= 270, rs.getInt(1) + " of 300 schools predicted right");
      }
    }
  }

  @Test
  void aRootWithOnlyItsKeyAndOneRelatedTableIsRefusedWithTheWayOut() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:rowspace:h2:mem:root_one_related_"
        + System.nanoTime()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schools (school_id INTEGER PRIMARY KEY, sector VARCHAR(10))");
      s.execute("CREATE TABLE students (student_id INTEGER PRIMARY KEY, school_id INTEGER "
          + "REFERENCES schools(school_id), fee DOUBLE PRECISION)");
      s.execute("INSERT INTO schools SELECT x, CASE WHEN MOD(x, 2) = 0 THEN 'a' ELSE 'b' END "
          + "FROM SYSTEM_RANGE(1, 60)");
      s.execute("INSERT INTO students SELECT x, MOD(x, 60) + 1, x FROM SYSTEM_RANGE(1, 240)");
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(
          "CREATE EMBEDDING SPACE schooling ON schools EXCLUDE COLUMNS (sector)"));
      assertEquals("22000", e.getSQLState(), e.getMessage());
      assertEquals(81025, e.getErrorCode(), e.getMessage());
      assertTrue(e.getMessage().contains("related table 'STUDENTS' is its only other input"),
          e.getMessage());
    }
  }

  @Test
  void aRootWithNothingUsableAndNoRelatedTableIsStillRefused() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:rowspace:h2:mem:root_alone_"
        + System.nanoTime()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schools (school_id INTEGER PRIMARY KEY, sector VARCHAR(10))");
      for (int id = 1; id <= 60; id++) {
        s.execute("INSERT INTO schools VALUES (" + id + ", '" + (id % 2 == 0 ? "a" : "b") + "')");
      }
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeUpdate("CREATE EMBEDDING SPACE lonely ON schools"));
      assertEquals("22000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("at least two usable columns"), e.getMessage());
    }
  }
}
