package io.rowspace.sql.ddl;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.parser.SqlCreateEmbeddingSpace;
import io.rowspace.sql.parser.SqlCreatePredictor;
import io.rowspace.sql.parser.SqlOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.calcite.sql.SqlNode;

/**
 * A command run as a background job ({@code WITH (async = true)}, SPEC section 3): executing it
 * starts a {@link BackgroundJob} that runs the wrapped command on a connection of its own, and
 * returns at once with the job id in a warning. Statements that train (CREATE EMBEDDING SPACE,
 * CREATE PREDICTOR) may ask for it.
 */
final class BackgroundCommand implements StatementCommand {
  private final String kind;
  private final String model;
  private final StatementCommand command;

  private BackgroundCommand(String kind, String model, StatementCommand command) {
    this.kind = kind;
    this.model = model;
    this.command = command;
  }

  /**
   * The statement's command wrapped to run in the background, if the statement asks for it
   * with {@code async = true}; empty for {@code async = false} or no such option.
   */
  static Optional<StatementCommand> requested(SqlNode statement, StatementCommand command)
      throws SQLException {
    Optional<String> async = option(statement, "async");
    if (async.isEmpty() || async.get().equals("false")) {
      return Optional.empty();
    }
    if (!async.get().equals("true")) {
      throw ErrorCode.OPTION_NOT_BOOLEAN.exception("async", async.get());
    }
    if (statement instanceof SqlCreateEmbeddingSpace create) {
      return Optional.of(new BackgroundCommand("CREATE EMBEDDING SPACE",
          ObjectNames.newModelName(create.name(), "an embedding space"), command));
    }
    return Optional.of(new BackgroundCommand("CREATE PREDICTOR",
        ObjectNames.newModelName(((SqlCreatePredictor) statement).name(), "a predictor"),
        command));
  }

  /** Starts the job and returns at once; the job id is given as a warning. */
  @Override public StatementResult execute(StatementContext context) throws SQLException {
    String id = UUID.randomUUID().toString();
    BackgroundJobs.start(new BackgroundJob(id, kind, model, command, context.session()));
    context.warn("Job '" + id + "' started: " + kind + " " + model + " runs in the background. "
        + "Follow it with SELECT * FROM ROWSPACE.JOBS WHERE job_id = '" + id
        + "'; stop it with CANCEL JOB '" + id + "'.");
    return StatementResult.count(0);
  }

  /** The value of an option of a statement that trains; empty for other statements. */
  private static Optional<String> option(SqlNode statement, String key) {
    List<SqlOption> options;
    if (statement instanceof SqlCreateEmbeddingSpace create) {
      options = create.options();
    } else if (statement instanceof SqlCreatePredictor create) {
      options = create.options();
    } else {
      return Optional.empty();
    }
    for (SqlOption option : options) {
      if (option.key().equals(key)) {
        return Optional.of(option.valueAsString());
      }
    }
    return Optional.empty();
  }
}
