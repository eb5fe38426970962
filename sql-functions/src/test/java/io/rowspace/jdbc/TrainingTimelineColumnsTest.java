package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * {@code ROWSPACE.TRAINING_TIMELINE} records, per epoch of a space, the objective's weights, the
 * reconstruction loss and the embeddings' health beside the temperature; catalogs created before
 * those columns existed gain them on the next connection, their old rows left NULL.
 */
class TrainingTimelineColumnsTest {

  @Test
  void aCatalogFromBeforeGainsTheColumnsAndANewSpaceFillsThem() throws SQLException {
    String database = "h2:mem:timeline_columns;DB_CLOSE_DELAY=-1";
    try (Connection plain = DriverManager.getConnection("jdbc:" + database);
        Statement s = plain.createStatement()) {
      s.execute("CREATE SCHEMA ROWSPACE");
      s.execute("CREATE TABLE ROWSPACE.TRAINING_TIMELINE (model VARCHAR(256) NOT NULL, "
          + "model_kind VARCHAR(16), epoch INTEGER, learning_rate DOUBLE PRECISION, "
          + "train_loss DOUBLE PRECISION, validation_loss DOUBLE PRECISION, "
          + "dropout DOUBLE PRECISION, spread_loss DOUBLE PRECISION, "
          + "temperature DOUBLE PRECISION, grad_norm DOUBLE PRECISION, "
          + "clipped_grad_norm DOUBLE PRECISION, failures VARCHAR(1000), "
          + "actions VARCHAR(1000))");
      s.execute("INSERT INTO ROWSPACE.TRAINING_TIMELINE (model, model_kind, epoch, temperature) "
          + "VALUES ('OLD_SPACE', 'SPACE', 1, 0.2)");
      s.execute("CREATE TABLE trips (id INTEGER PRIMARY KEY, km DOUBLE PRECISION, "
          + "mode VARCHAR(10), minutes DOUBLE PRECISION)");
      try (PreparedStatement insert = plain.prepareStatement(
          "INSERT INTO trips VALUES (?, ?, ?, ?)")) {
        Random random = new Random(3);
        for (int id = 1; id <= 200; id++) {
          double km = random.nextDouble() * 50;
          String mode = new String[] {"bus", "train", "bike"}[random.nextInt(3)];
          insert.setInt(1, id);
          insert.setDouble(2, km);
          insert.setString(3, mode);
          insert.setDouble(4, km * (mode.equals("bike") ? 4 : 1.5) + random.nextGaussian());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    try (Connection connection = DriverManager.getConnection("jdbc:rowspace:" + database);
        Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT reconstruction_loss, "
          + "objective_weights, mean_cosine, effective_rank FROM ROWSPACE.TRAINING_TIMELINE "
          + "WHERE model = 'OLD_SPACE'")) {
        assertTrue(rs.next());
        for (int c = 1; c <= 4; c++) {
          assertEquals(null, rs.getObject(c), "an old epoch has no figure in column " + c);
        }
      }
      statement.execute("CREATE EMBEDDING SPACE trips_space ON trips WITH (epochs = 3)");
      try (ResultSet rs = statement.executeQuery("SELECT epoch, temperature, objective_weights, "
          + "reconstruction_loss, mean_cosine, effective_rank, failures "
          + "FROM ROWSPACE.TRAINING_TIMELINE WHERE model = 'TRIPS_SPACE' ORDER BY epoch")) {
        int epochs = 0;
        while (rs.next()) {
          epochs++;
          assertEquals(epochs, rs.getInt("EPOCH"));
          assertEquals(0.2, rs.getDouble("TEMPERATURE"), 1e-9);
          assertTrue(rs.getString("OBJECTIVE_WEIGHTS").matches(
              "column [0-9.]+, row [0-9.]+, spread [0-9.]+, reconstruction [0-9.]+"),
              rs.getString("OBJECTIVE_WEIGHTS"));
          double reconstruction = rs.getDouble("RECONSTRUCTION_LOSS");
          assertFalse(rs.wasNull(), "km and minutes are reconstructed");
          assertTrue(reconstruction > 0, "reconstruction loss " + reconstruction);
          double cosine = rs.getDouble("MEAN_COSINE");
          assertFalse(rs.wasNull(), "the embeddings' health is measured every epoch");
          assertTrue(cosine >= -1 && cosine <= 1, "mean cosine " + cosine);
          double rank = rs.getDouble("EFFECTIVE_RANK");
          assertTrue(rank >= 1 && rank <= 32, "effective rank " + rank);
        }
        assertEquals(3, epochs);
      }
      statement.execute("DROP ALL OBJECTS");
    }
  }
}
