package io.rowspace.sql.function;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.BoundSpace;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlNode;

/**
 * The models one statement names: each catalog record is read once per statement, however many
 * calls name it, and each model is bound to the session once, so the batched results of every
 * call of it reach all of them (the functions look the binding up by name). A name is a string,
 * matched as written first, then folded as the backing database folds unquoted names.
 */
final class StatementModels {
  private final RowspaceSession session;
  private final Map<String, BoundPredictor> boundPredictors = new HashMap<>();
  private final Map<String, BoundSpace> boundSpaces = new HashMap<>();
  /** Catalog records read, by the name as written. */
  private final Map<String, PredictorRecord> predictorRecords = new HashMap<>();
  private final Map<String, SpaceRecord> spaceRecords = new HashMap<>();

  StatementModels(RowspaceSession session) {
    this.session = session;
  }

  /** Looks up the predictor named by the call's first argument and binds it to the session. */
  BoundPredictor predictor(SqlCall call, String function) throws SQLException {
    String written = nameArgument(call, function, "predictor");
    PredictorRecord record = predictorRecords.get(written);
    if (record == null) {
      Catalog catalog = session.catalog();
      // The name is a string, but users write it as they write identifiers: exact match first,
      // then folded the way the backing database folds unquoted names.
      record = catalog.predictors().find(written)
          .or(() -> findPredictor(catalog, session.database().fold(written)))
          .orElseThrow(() -> unknownPredictor(catalog, written));
      predictorRecords.put(written, record);
    }
    BoundPredictor already = boundPredictors.get(record.name());
    if (already != null) {
      return already;
    }
    BoundPredictor bound = BoundPredictor.load(session, record);
    session.bind(bound);
    boundPredictors.put(record.name(), bound);
    return bound;
  }

  private static Optional<PredictorRecord> findPredictor(Catalog catalog,
      String name) {
    try {
      return catalog.predictors().find(name);
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private static SQLException unknownPredictor(Catalog catalog, String name) {
    try {
      return RowspaceErrors.unknownPredictor(name, catalog.predictors().names());
    } catch (SQLException e) {
      return e;
    }
  }

  static String nameArgument(SqlCall call, String function, String kind)
      throws SQLException {
    List<SqlNode> operands = call.getOperandList();
    if (operands.isEmpty() || !(operands.get(0) instanceof SqlCharStringLiteral literal)) {
      throw ErrorCode.MODEL_NAME_NOT_LITERAL.exception(function, kind);
    }
    return literal.getValueAs(String.class);
  }

  /** The space named by the call's first argument: exact name first, then folded. */
  SpaceRecord space(SqlCall call, String function) throws SQLException {
    String written = nameArgument(call, function, "embedding space");
    SpaceRecord known = spaceRecords.get(written);
    if (known != null) {
      return known;
    }
    Catalog catalog = session.catalog();
    Optional<SpaceRecord> space = catalog.spaces().find(written);
    if (space.isEmpty()) {
      space = catalog.spaces().find(session.database().fold(written));
    }
    if (space.isEmpty()) {
      throw RowspaceErrors.unknownSpace(written, catalog.spaces().names());
    }
    spaceRecords.put(written, space.get());
    return space.get();
  }

  /** The space bound for ANOMALY_SCORE, bound on first use: its used columns are the inputs. */
  BoundSpace boundSpace(SpaceRecord record) throws SQLException {
    BoundSpace known = boundSpaces.get(record.name());
    if (known != null) {
      return known;
    }
    BoundSpace bound = BoundSpace.load(session, record);
    session.bind(bound);
    boundSpaces.put(record.name(), bound);
    return bound;
  }
}
