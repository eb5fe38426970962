package io.rowspace.engine;

import io.rowspace.engine.EngineException.Kind;

/**
 * The catalogue of the engine's errors: each has a stable code (from 81001 up, beside the SQL
 * layer's 80001 and up; the SQL layer reports it as the vendor code), a {@link Kind} that the SQL
 * layer maps to an SQLSTATE, and a message with parameters {@code {0}}, {@code {1}}, ... that names
 * the object and the fix ({@link MessageTemplate}, the count checked on every use). The engine
 * knows no SQL: its messages speak of options, columns and rows. Codes are never reused or
 * renumbered.
 */
public enum EngineError {
  // ------------------------------------------------------------------ runtime and device
  UNKNOWN_DEVICE(81001, Kind.INVALID_OPTION,
      "Device must be one of auto, cpu, gpu, got '{0}'."),
  NO_GPU(81002, Kind.INVALID_OPTION,
      "Device 'gpu' was requested but no GPU is visible to PyTorch. Use device 'auto' or 'cpu'."),
  ENGINE_START(81003, Kind.INTERNAL, "The PyTorch engine could not start: {0}. Check that "
      + "pytorch-native-cpu is on the class path."),

  // ------------------------------------------------------------------ options
  UNKNOWN_SPACE_OPTION(81010, Kind.INVALID_OPTION,
      "Unknown embedding space option '{0}'. Valid options: {1}."),
  UNKNOWN_PREDICTOR_OPTION(81011, Kind.INVALID_OPTION,
      "Unknown predictor option '{0}'. Valid options: {1}."),
  OPTION_VALUE(81012, Kind.INVALID_OPTION, "Option '{0}' must be {1}, got '{2}'."),
  HEADS_DIVIDE_WIDTH(81013, Kind.INVALID_OPTION,
      "Option 'd_model' ({0}) must be a multiple of 'heads' ({1})."),
  LOG_TARGET_NOT_POSITIVE(81014, Kind.INVALID_OPTION, "Option 'target_transform' = 'log' needs "
      + "a target above zero; '{0}' holds {1}. Use target_transform = 'none'."),
  UNKNOWN_POSITIVE_LABEL(81015, Kind.INVALID_OPTION,
      "Option 'positive_label' = '{0}' is not a value of target '{1}'. Values: {2}."),
  REGRESSION_LOSS_FOR_CLASSES(81016, Kind.INVALID_OPTION, "Option 'loss' = '{0}' is for "
      + "regression; target '{1}' is {2}. Use auto, focal or cross_entropy."),
  CLASSIFICATION_LOSS_FOR_NUMBERS(81017, Kind.INVALID_OPTION, "Option 'loss' = '{0}' is for "
      + "classification; target '{1}' is numeric (regression). Use auto, mse or huber."),
  EXTENDED_SHAPE(81018, Kind.INVALID_OPTION, "An extended space keeps the shape of the space it "
      + "extends (d_model {0}, layers {1}, heads {2})."),

  // ------------------------------------------------------------------ data of a space
  TOO_FEW_SPACE_ROWS(81020, Kind.UNUSABLE_DATA,
      "An embedding space needs at least {0} rows, got {1}. Add rows to the table."),
  NO_USABLE_COLUMNS(81021, Kind.UNUSABLE_DATA, "No usable columns: every column was excluded "
      + "({0}). Add columns with varying values."),
  ONE_USABLE_COLUMN(81022, Kind.UNUSABLE_DATA, "An embedding space needs at least two usable "
      + "columns, found only '{0}'{1}. Add columns with varying values."),
  EXTENDED_COLUMNS_MISSING(81023, Kind.UNUSABLE_DATA,
      "The rows lack columns of the space being extended: it needs {0}."),
  EXTENDED_RELATION_MISSING(81024, Kind.UNUSABLE_DATA, "The rows lack the related rows of "
      + "'{0}', a related table of the space being extended."),

  // ------------------------------------------------------------------ data of a predictor
  TARGET_NOT_A_COLUMN(81030, Kind.INVALID_OPTION,
      "Target column '{0}' is not among the rows' columns."),
  TARGET_TYPE(81031, Kind.UNUSABLE_DATA, "Target column '{0}' has SQL type {1}, which cannot "
      + "be predicted. Choose a numeric, text or boolean column."),
  TARGET_NOT_NUMERIC(81032, Kind.UNUSABLE_DATA, "Target column '{0}' holds '{1}', which is "
      + "not a number: regression needs a numeric target."),
  TARGET_EMPTY(81033, Kind.UNUSABLE_DATA, "Target column '{0}' has no values in {1} rows: a "
      + "predictor needs rows with a target value."),
  TARGET_CONSTANT(81034, Kind.UNUSABLE_DATA, "Target column '{0}' has a single value ('{1}') "
      + "in {2} rows: a predictor needs at least two."),
  TOO_MANY_CLASSES(81035, Kind.UNUSABLE_DATA, "Target column '{0}' has {1} distinct values: "
      + "too many classes (at most {2}). Use task = 'regression' for a numeric target."),
  BINARY_NEEDS_TWO_VALUES(81036, Kind.UNUSABLE_DATA, "Option task = 'binary' needs a target with "
      + "two values; '{0}' has {1}. Use task = 'multiclass'."),
  TOO_FEW_TARGET_ROWS(81037, Kind.UNUSABLE_DATA, "Target column '{0}' has too few rows with a "
      + "value ({1}) to train and validate a predictor."),
  TOO_FEW_BASELINE_ROWS(81038, Kind.UNUSABLE_DATA, "The training rows of the predictor of '{0}' "
      + "are too few ({1}) to train baselines on."),
  NO_BASELINE_INPUTS(81039, Kind.UNUSABLE_DATA, "The predictor of '{0}' has no number, date, "
      + "boolean or category column among its inputs for a baseline to read."),

  // ------------------------------------------------------------------ models in use
  OTHER_SPACE(81040, Kind.INVALID_OPTION, "Predictor of '{0}' was trained on a different "
      + "embedding space; use the space it was trained on or re-create the predictor."),
  TUNED_WEIGHT_SHAPE(81041, Kind.INVALID_OPTION, "The predictor's fine-tuned weight '{0}' does "
      + "not fit the embedding space's shape; re-create the predictor on this space."),
  SUMMARIES_NOT_READ(81042, Kind.INVALID_OPTION, "Predictor of '{0}' reads {1}"),
  PREDICTOR_CLOSED(81043, Kind.INTERNAL, "Predictor was closed; load it again to use it."),
  SPACE_CLOSED(81044, Kind.INTERNAL, "Embedding space was closed; load it again to use it."),
  PREDICTOR_PART_MISSING(81045, Kind.INTERNAL, "A predictor needs its {0}; set it before build()."),

  // ------------------------------------------------------------------ saved models
  MODEL_NOT_SERIALISED(81050, Kind.INTERNAL, "Could not serialise model: {0}"),
  MODEL_CORRUPT(81051, Kind.UNUSABLE_DATA, "Saved {0} is corrupt: {1}. Re-create it."),
  MODEL_UNREADABLE(81052, Kind.UNUSABLE_DATA, "Saved {0} cannot be loaded: {1}."),
  SPACE_WEIGHT_COUNT(81053, Kind.INTERNAL, "Space has {0} weights, its shape needs {1}."),
  SPACE_FINGERPRINT(81054, Kind.INTERNAL, "Cannot fingerprint space"),
  ENCODER_RENAME(81055, Kind.INTERNAL, "Cannot rename the encoder of column '{0}': {1}"),

  // ------------------------------------------------------------------ training
  SPACE_TRAINING_CANCELLED(81060, Kind.CANCELLED,
      "Training of the embedding space was cancelled; nothing was saved."),
  PREDICTOR_TRAINING_CANCELLED(81061, Kind.CANCELLED,
      "Training of the predictor was cancelled; nothing was saved."),
  BASELINES_CANCELLED(81062, Kind.CANCELLED, "Training of the baselines was cancelled."),
  INDEX_BUILD_INTERRUPTED(81063, Kind.CANCELLED, "Building the search index was interrupted."),
  INDEX_BUILD_CANCELLED(81064, Kind.CANCELLED, "Building the search index was cancelled."),
  TRAINING_OUT_OF_MEMORY(81065, Kind.OUT_OF_MEMORY,
      "Training ran out of memory. Set a smaller 'batch_size' or 'max_rows'."),
  TRAINING_DIVERGED(81066, Kind.INTERNAL,
      "Training diverged: the loss was never finite. Try a smaller 'learning_rate'."),
  TRAINING_NATIVE_FAILURE(81067, Kind.INTERNAL, "PyTorch failed during training: {0}");

  private final int code;
  private final Kind kind;
  private final MessageTemplate message;

  EngineError(int code, Kind kind, String message) {
    this.code = code;
    this.kind = kind;
    this.message = new MessageTemplate(message);
  }

  /** The stable number of this error. */
  public int code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }

  public MessageTemplate message() {
    return message;
  }

  /** The error as an exception. */
  public EngineException exception(Object... arguments) {
    return new EngineException(this, message.fill(name(), arguments), null);
  }

  /** The error as an exception with its cause. */
  public EngineException exception(Throwable cause, Object... arguments) {
    return new EngineException(this, message.fill(name(), arguments), cause);
  }
}
