package io.rowspace.error;

import java.sql.SQLException;

/**
 * The one catalogue of Rowspace's errors, for every module: each entry has a stable code (the
 * vendor code of its exceptions, clear of the backing databases' own), its SQLSTATE (SPEC section
 * 9) and its message, with parameters {@code {0}}, {@code {1}}, ... that name the object and the
 * fix, counted from the text ({@link MessageTemplate}) and checked on every use. Codes are never
 * reused or renumbered: a user may search for one. They are grouped by the layer that raises them:
 * <ul>
 *   <li>80001 and up: the SQL layer (statements, queries, the catalogue, the server, the command
 *       line), raised as {@link SQLException}s through {@link #exception};
 *   <li>81001 and up: the engine (training, models, search), which knows no SQL and raises them
 *       unchecked through {@link #failure}, as an {@link EngineException} the SQL layer reports
 *       with the entry's own code and SQLSTATE;
 *   <li>82001 and up: reading a space's related tables (multi-table), over JDBC, so
 *       {@link SQLException}s as well;
 *   <li>83001 and up: planning which related tables a space reads and how it joins them (the
 *       planner and multi-table's checks), raised in a {@code PlanningException} that carries the
 *       entry.
 * </ul>
 *
 * <p>Why one enum below every module rather than one per module: a code is unique and its
 * SQLSTATE fixed only if one list holds them all (tested), and a reader finds any message Rowspace
 * can show in one place, as in H2's {@code ErrorCode}.
 *
 * <p>Its length (over 400 lines) is its list: one entry per message, grouped by what fails.
 */
public enum ErrorCode {
  SYNTAX(80001, SqlStates.SYNTAX, "Syntax error at line {0}, column {1}: {2}"),
  UNKNOWN_TABLE(80002, SqlStates.UNKNOWN_TABLE, "Table '{0}' does not exist. {1}"),
  UNKNOWN_COLUMN(80003, SqlStates.UNKNOWN_COLUMN,
      "Column '{0}' does not exist in table '{1}'. {2}"),
  UNKNOWN_SPACE(80004, SqlStates.UNKNOWN_OBJECT, "Embedding space '{0}' does not exist. {1} "
      + "Create it with CREATE EMBEDDING SPACE {0} ON <table>."),
  UNKNOWN_PREDICTOR(80005, SqlStates.UNKNOWN_OBJECT, "Predictor '{0}' does not exist. {1} "
      + "Create it with CREATE PREDICTOR {0} ON <space> TARGET <column>."),
  SPACE_EXISTS(80006, SqlStates.ALREADY_EXISTS, "Embedding space '{0}' already exists. Use "
      + "CREATE OR REPLACE EMBEDDING SPACE to replace it, IF NOT EXISTS to keep it, or DROP "
      + "EMBEDDING SPACE {0} first."),
  PREDICTOR_EXISTS(80007, SqlStates.ALREADY_EXISTS, "Predictor '{0}' already exists. Use "
      + "CREATE OR REPLACE PREDICTOR to replace it, IF NOT EXISTS to keep it, or DROP PREDICTOR "
      + "{0} first."),
  SPACE_IN_USE(80008, SqlStates.DEPENDENT_OBJECTS, "Embedding space '{0}' is used by predictors "
      + "{1}. Drop them first, or use DROP EMBEDDING SPACE {0} CASCADE."),
  STALE_PREDICTOR(80009, SqlStates.OBJECT_NOT_IN_STATE, "Predictor '{0}' is STALE: embedding "
      + "space '{1}' was replaced after it was trained, so its inputs changed meaning. Re-train "
      + "it with CREATE OR REPLACE PREDICTOR {0} ON EMBEDDING SPACE {1} TARGET {2}, or replace "
      + "the space WITH (refit_predictors = true), which re-fits its predictors."),
  NO_FILE_ACCESS(80010, SqlStates.INSUFFICIENT_PRIVILEGE, "{0} reads or writes a file of the "
      + "process running Rowspace, which only a user with role admin may do on a Rowspace "
      + "server. Ask an admin to run it."),
  IMPORT_MISSING_TABLE(80011, SqlStates.UNKNOWN_TABLE, "Table '{0}', which {1} was trained on, "
      + "does not exist in this database (looked for as written, as an unquoted name folds here "
      + "and in any case). {2} Create the table with the model's columns before IMPORT."),
  IMPORT_AMBIGUOUS_TABLE(80012, SqlStates.UNKNOWN_TABLE, "Table '{0}', which {1} was trained "
      + "on, matches several tables of this database when case is ignored ({2}) and none "
      + "exactly or as an unquoted name folds here. Rename or drop all but one of them (or "
      + "create '{0}' with that exact name) before IMPORT."),
  IMPORT_MISSING_COLUMN(80013, SqlStates.UNKNOWN_COLUMN, "Column '{0}' of table '{1}', which "
      + "{2} reads, does not exist in this database (looked for as written, as an unquoted name "
      + "folds here and in any case). {3} Add the column (same name, same kind of values) "
      + "before IMPORT."),
  IMPORT_AMBIGUOUS_COLUMN(80014, SqlStates.UNKNOWN_COLUMN, "Column '{0}' of table '{1}', which "
      + "{2} reads, matches several columns of that table when case is ignored ({3}) and none "
      + "exactly or as an unquoted name folds here. Rename all but one of them (or add '{0}' "
      + "with that exact name) before IMPORT."),
  CANCELLED(80015, SqlStates.CANCELLED, "{0} was cancelled; nothing of it was kept."),
  OUT_OF_MEMORY(80016, SqlStates.OUT_OF_MEMORY, "{0} ran out of memory even with smaller "
      + "batches. Lower max_rows or batch_size in WITH (...), or give the JVM more heap (-Xmx)."),
  TOO_COMPLEX(80017, SqlStates.STATEMENT_TOO_COMPLEX, "Statement too complex{0}: its "
      + "expressions or parentheses nest too deeply to parse or plan (for example thousands of "
      + "nested parentheses or a sum of thousands of terms). Split it into smaller expressions "
      + "or statements."),
  NAME_TOO_LONG(80018, SqlStates.NAME_TOO_LONG, "The name of {0} '{1}…' is {2} characters long; "
      + "names of {3}s may have at most {4} characters. Choose a shorter name."),
  UNSUPPORTED_EXPRESSION(80019, SqlStates.FEATURE_NOT_SUPPORTED, "This query calls a Rowspace "
      + "function and compares or combines values of types that cannot be compared or combined "
      + "there (for example text or a number with an INTERVAL). Compare values of the same type, "
      + "or CAST one of them."),
  TARGET_COLUMN_ABSENT(80020, SqlStates.UNKNOWN_COLUMN, "Column '{0}', the target of predictor "
      + "'{1}', is not among the columns of {2} ({3}): evaluating needs the true values. Select "
      + "it too, e.g. ON (SELECT ..., {0} FROM ...)."),
  NO_LABELLED_ROWS(80021, SqlStates.UNUSABLE_DATA, "No labelled rows to evaluate predictor '{0}' "
      + "on: {1}. Evaluate on rows whose {2} is known."),
  NEEDS_CLASSIFICATION(80022, SqlStates.INVALID_ARGUMENT, "{0} needs a classification "
      + "predictor; '{1}' predicts the number {2}. Use EVALUATE PREDICTOR {1} ON ... for its "
      + "RMSE, MAE, R² and interval coverage."),
  IMPORTANCE_NOT_MEASURED(80023, SqlStates.OBJECT_NOT_IN_STATE, "Predictor '{0}' was stored by "
      + "an earlier Rowspace, which did not measure global feature importance. Re-create it to "
      + "measure it: CREATE OR REPLACE PREDICTOR {0} ON EMBEDDING SPACE {1} TARGET {2}."),
  INTERNAL(80024, SqlStates.INTERNAL, "{0}"),
  JOB_IN_OTHER_PROCESS(80027, SqlStates.OBJECT_NOT_IN_STATE, "Job '{0}' runs in another process "
      + "({1}), which is still alive: CANCEL JOB reaches only the jobs of its own process. Cancel "
      + "it from a connection of that process, or end that process: the job then shows FAILED "
      + "and re-running its statement resumes from its last checkpoint."),
  UNKNOWN_JOB(80028, SqlStates.UNKNOWN_OBJECT, "Job '{0}' does not exist. Running jobs: {1} (see "
      + "ROWSPACE.JOBS)."),
  IMPORT_SPACE_EXISTS(80029, SqlStates.ALREADY_EXISTS, "Embedding space '{0}', which predictor "
      + "'{1}' needs, already exists here with other weights. Use IMPORT OR REPLACE PREDICTOR to "
      + "replace the space too (its present version is kept for ALTER EMBEDDING SPACE {0} "
      + "ROLLBACK TO VERSION, and its other predictors become STALE), or DROP EMBEDDING SPACE {0} "
      + "first."),
  UNKNOWN_VERSION(80030, SqlStates.UNKNOWN_OBJECT, "Version {0} of {1} '{2}' does not exist. Kept "
      + "versions: {3}. At most {4} versions are kept (connection property "
      + "rowspace.keepVersions); CREATE OR REPLACE {5} makes a new one."),
  TRAINING_TIME_LIMIT(80031, SqlStates.CANCELLED, "{0} ran past rowspace.maxTrainingSeconds ({1} "
      + "s) and was stopped; nothing of it was kept. Raise the connection property, or train on "
      + "less: WITH (max_rows = ..., epochs = ...)."),
  CATALOG_NOT_WRITABLE(80032, SqlStates.INSUFFICIENT_PRIVILEGE, "{0} changes the Rowspace "
      + "catalog (schema ROWSPACE), which database user '{1}' may not change."),
  DAMAGED_MODEL_BYTES(80033, SqlStates.DATA_CORRUPTED, "The stored {0} data of '{1}' (version "
      + "{2}) do not match their checksum: the catalog was changed outside Rowspace. Re-create it "
      + "with CREATE OR REPLACE."),
  DAMAGED_VERSION_ROWS(80034, SqlStates.DATA_CORRUPTED, "The kept catalog rows of version {0} of "
      + "{1} '{2}' cannot be read: the catalog was changed outside Rowspace."),
  MODEL_DROPPED(80035, SqlStates.UNKNOWN_OBJECT, "The {0} '{1}' was dropped meanwhile."),
  NOT_A_ROWSPACE_URL(80036, SqlStates.CANNOT_CONNECT, "Not a Rowspace URL: {0}. Rowspace URLs "
      + "start with {1}"),
  URL_WITHOUT_SERVER(80037, SqlStates.CANNOT_CONNECT, "Rowspace URL {0} names no server. Use "
      + "jdbc:rowspace:remote:http://host:port, e.g. jdbc:rowspace:remote:http://localhost:8765."),
  URL_WITHOUT_DATABASE(80038, SqlStates.CANNOT_CONNECT, "Rowspace URL {0} names no database. Use "
      + "jdbc:rowspace: for the embedded database, or jdbc:rowspace:<subprotocol>:..., e.g. "
      + "jdbc:rowspace:h2:mem:demo or jdbc:rowspace:postgresql://host/db."),
  STATEMENT_CLOSED(80039, SqlStates.CLOSED, "This statement is closed."),
  QUERY_RETURNED_NO_ROWS(80040, SqlStates.WRONG_STATEMENT_KIND, "The statement returned no "
      + "result set; use executeUpdate or execute for it: {0}"),
  UPDATE_RETURNED_ROWS(80041, SqlStates.WRONG_STATEMENT_KIND, "The statement returned a result "
      + "set; use executeQuery for it: {0}"),
  UNSUPPORTED_CALL(80042, SqlStates.FEATURE_NOT_SUPPORTED, "{0} is not supported for Rowspace "
      + "statements."),
  IDENTIFIER_TOO_LONG(80043, SqlStates.NAME_TOO_LONG, "{0} (line {1}, column {2})."),
  MERGE_NOT_READ(80044, SqlStates.SYNTAX, "This MERGE could not be read as MERGE INTO t USING "
      + "(query) s ON ... WHEN ...: write the model calls in the USING query."),
  MERGE_CALL_OUTSIDE_USING(80045, SqlStates.FEATURE_NOT_SUPPORTED, "In MERGE, a model call in "
      + "{0} predicts for the USING row and cannot read the target {1} ({2}): pass the source's "
      + "columns, or write MERGE INTO t USING (SELECT key, PREDICT('p') AS guess FROM ...) s "
      + "ON t.key = s.key WHEN MATCHED THEN UPDATE SET c = s.guess ..."),
  VIEW_COLUMN_LIST(80046, SqlStates.FEATURE_NOT_SUPPORTED, "CREATE VIEW with a model call takes "
      + "its column names from the query: write them as aliases in the SELECT list instead of a "
      + "column list."),
  VIEW_WITHOUT_QUERY(80047, SqlStates.SYNTAX, "CREATE VIEW needs AS and a query: CREATE VIEW v "
      + "AS SELECT ..."),
  NOT_A_VIEW_NAME(80048, SqlStates.SYNTAX, "'{0}' is not a view name."),
  UPSERT_WITH_MODEL_CALL(80049, SqlStates.FEATURE_NOT_SUPPORTED, "{0} with a model call is not "
      + "supported yet. Write the predictions with INSERT INTO ... SELECT ... PREDICT(...) or "
      + "UPDATE ... SET c = PREDICT(...), or stage them in a table and MERGE from it."),
  MODEL_CALL_WHERE_IT_CANNOT_RUN(80050, SqlStates.FEATURE_NOT_SUPPORTED, "This statement calls a "
      + "Rowspace function where it cannot run. {0}"),
  UPDATE_WITHOUT_KEY(80051, SqlStates.FEATURE_NOT_SUPPORTED, "UPDATE {0} with a model call finds "
      + "each row by the table's primary key, and {0} has none. Add a primary key, or INSERT the "
      + "predictions into a new table."),
  DELETE_WITHOUT_KEY(80052, SqlStates.FEATURE_NOT_SUPPORTED, "DELETE FROM {0} with a model call "
      + "finds each row by the table's primary key, and {0} has none. Add a primary key."),
  BACKING_DATABASE_UNAVAILABLE(80053, SqlStates.CANNOT_CONNECT, "Cannot open backing database "
      + "{0}: {1}"),
  SETTING_NOT_POSITIVE(80055, SqlStates.INVALID_ARGUMENT, "Connection property {0} must be a "
      + "positive integer, got '{1}'."),
  SETTING_ABOVE_LIMIT(80056, SqlStates.INSUFFICIENT_PRIVILEGE, "Connection property {0}={1} is "
      + "above the server's {2}, which only a user with role admin may raise (this user has role "
      + "{3}). Use at most {2}."),
  CREDENTIALS_NEEDED(80057, SqlStates.INVALID_AUTHORIZATION, "This Rowspace server needs a user "
      + "name and password: give the connection properties user and password."),
  ROLE_MAY_NOT(80058, SqlStates.INSUFFICIENT_PRIVILEGE, "User '{0}' has role {1}, which may not "
      + "do this: {2}. Ask the server's administrator for a user with that role (./rowspace user "
      + "add NAME --role {3}). The database said: {4}"),
  ACCOUNTS_UNSUPPORTED(80059, SqlStates.FEATURE_NOT_SUPPORTED, "A Rowspace server enforces its "
      + "roles through the backing database's own accounts, which it can set up in H2 and "
      + "PostgreSQL only, not for {0}. Serve an H2 or PostgreSQL database."),
  UNNAMED_MEMORY_DATABASE(80060, SqlStates.CANNOT_CONNECT, "An unnamed in-memory database ({0}) "
      + "is private to one connection and cannot be served. Name it, e.g. "
      + "jdbc:rowspace:h2:mem:shop;DB_CLOSE_DELAY=-1."),
  NOT_H2_ADMINISTRATOR(80061, SqlStates.INSUFFICIENT_PRIVILEGE, "The server's own database "
      + "account is not an H2 administrator, so it cannot create the accounts of the read and "
      + "write roles. Serve the database with an administrator's URL."),
  NOT_POSTGRES_ROLE_CREATOR(80062, SqlStates.INSUFFICIENT_PRIVILEGE, "The server's own database "
      + "account can neither create roles nor is a superuser, so it cannot create the accounts of "
      + "the read and write roles. Serve the database with such an account's URL."),
  NOT_A_SERVED_URL(80063, SqlStates.CANNOT_CONNECT, "A Rowspace server serves a database: give a "
      + "jdbc:rowspace: URL of one (e.g. jdbc:rowspace:h2:./data/shop), not {0}."),
  CANNOT_SERVE(80064, SqlStates.CANNOT_CONNECT, "Cannot serve on {0}:{1}: {2}. Is another server "
      + "using the port? Choose another with --port{3}"),
  NO_SUCH_ADDRESS(80065, SqlStates.CANNOT_CONNECT, "Cannot listen on '{0}': no such address. Give "
      + "an address of this machine with --host, e.g. 127.0.0.1."),
  OPEN_WITHOUT_USERS(80066, SqlStates.INVALID_AUTHORIZATION, "Refusing to listen on {0} without "
      + "--users: anyone who reaches that address could use the database. Add users with "
      + "./rowspace user add NAME --role read|write|admin --file users.txt and start with --users "
      + "users.txt (and --tls-keystore for HTTPS), or listen on the loopback only (--host "
      + "127.0.0.1)."),
  KEYSTORE_UNREADABLE(80067, SqlStates.CANNOT_CONNECT, "TLS keystore {0} cannot be read. Give a "
      + "PKCS12 or JKS keystore with the server's key and certificate, e.g. made with keytool "
      + "-genkeypair -storetype PKCS12."),
  KEYSTORE_PASSWORD_NEEDED(80068, SqlStates.CANNOT_CONNECT, "TLS keystore {0} needs its password: "
      + "give --tls-password or the environment variable ROWSPACE_TLS_PASSWORD."),
  SERVER_CALL_SYNTAX(80069, SqlStates.SYNTAX, "{0}"),
  CANCEL_CALL_ARGUMENTS(80070, SqlStates.INVALID_ARGUMENT, "CALL ROWSPACE_SERVER.CANCEL takes one "
      + "argument, the id of the statement to stop."),
  UNKNOWN_SERVER_CALL(80071, SqlStates.SYNTAX, "Unknown server call ROWSPACE_SERVER.{0}. The "
      + "server answers {1} and {2}."),
  METADATA_CALL_ARGUMENTS(80072, SqlStates.INVALID_ARGUMENT, "CALL ROWSPACE_SERVER.METADATA takes "
      + "a method and its arguments: {0} (method=argument count); got {1}."),
  METADATA_ARGUMENT_NOT_TEXT(80073, SqlStates.INVALID_ARGUMENT, "Argument {0} of "
      + "ROWSPACE_SERVER.METADATA must be a string or NULL, not {1}."),
  METADATA_ARGUMENT_NOT_BOOLEAN(80074, SqlStates.INVALID_ARGUMENT, "Argument {0} of "
      + "ROWSPACE_SERVER.METADATA must be TRUE or FALSE, not {1}."),
  FILE_NOT_WRITABLE(80075, SqlStates.IO_ERROR, "Cannot write file '{0}': {1}. Give a path in a "
      + "directory this process may write to (paths are read by the process running Rowspace, "
      + "relative to its working directory)."),
  FILE_NOT_READABLE(80076, SqlStates.IO_ERROR, "Cannot read file '{0}': {1}. Give the path of a "
      + "file written by EXPORT (paths are read by the process running Rowspace, relative to its "
      + "working directory)."),
  NOT_A_MODEL_FILE(80077, SqlStates.UNUSABLE_DATA, "File '{0}' is not a Rowspace model file: "
      + "EXPORT PREDICTOR or EXPORT EMBEDDING SPACE writes them."),
  MODEL_FILE_CHECKSUM(80078, SqlStates.UNUSABLE_DATA, "File '{0}' is damaged: its checksum does "
      + "not match its contents (cut short or changed after EXPORT). Export the model again."),
  MODEL_FILE_TOO_NEW(80079, SqlStates.UNUSABLE_DATA, "File '{0}' is in model file format {1}, "
      + "written by a newer Rowspace; this one reads formats 1 to {2}. Import it with a newer "
      + "Rowspace."),
  MODEL_FILE_DAMAGED(80080, SqlStates.UNUSABLE_DATA, "File '{0}' is damaged: {1}. Export the "
      + "model again."),
  USERS_FILE_EMPTY(80081, SqlStates.INVALID_AUTHORIZATION, "Users file {0} lists no users. Add "
      + "one with ./rowspace user add NAME --role read|write|admin --file {0}."),
  USERS_FILE_UNREADABLE(80082, SqlStates.INVALID_AUTHORIZATION, "Cannot read users file {0}: "
      + "{1}{2}"),
  ROOT_TABLE_GONE(80083, SqlStates.UNKNOWN_TABLE, "Root table '{0}' of embedding space '{1}' no "
      + "longer exists."),
  SETTING_NOT_BOOLEAN(80084, SqlStates.INVALID_ARGUMENT, "Connection property {0} must be true "
      + "or false, got '{1}'."),
  DEVICE_SETTING(80085, SqlStates.INVALID_ARGUMENT, "Connection property rowspace.device must be "
      + "auto, cpu or gpu, got '{0}'."),
  CHECKPOINT_SECONDS_SETTING(80086, SqlStates.INVALID_ARGUMENT, "Connection property "
      + "rowspace.checkpointSeconds must be 0 (a checkpoint after every epoch) or a positive "
      + "number of seconds, got '{0}'."),
  OPTION_NOT_BOOLEAN(80087, SqlStates.INVALID_ARGUMENT, "Option '{0}' must be true or false, got "
      + "'{1}'."),
  OPTION_TWICE(80088, SqlStates.INVALID_ARGUMENT, "Option '{0}' is given twice; give it once."),
  NO_ROW_KEY(80089, SqlStates.UNUSABLE_DATA, "Table '{0}' has no primary key and no unique "
      + "non-null column, so its rows cannot be told apart. Add one, e.g. ALTER TABLE {0} ADD "
      + "COLUMN id {1} PRIMARY KEY."),
  TARGET_IS_ROW_KEY(80090, SqlStates.INVALID_ARGUMENT, "Column '{0}' is the row key of {1}: a key "
      + "identifies rows and cannot be predicted. Choose another TARGET column."),
  NOT_AN_EVALUATE_OPTION(80091, SqlStates.INVALID_ARGUMENT, "Option '{0}' is not an option of "
      + "EVALUATE PREDICTOR. Its only option is baselines (true or false)."),
  NOT_A_FILE_PATH(80092, SqlStates.INVALID_ARGUMENT, "'{0}' is not a file path: {1}."),
  COLUMN_NOT_ADDABLE(80093, SqlStates.INVALID_ARGUMENT, "Column '{0}' cannot be added to "
      + "embedding space '{1}': it is {2}. Name columns of {3} the space does not use."),
  ASYNC_NOT_AVAILABLE(80094, SqlStates.INVALID_ARGUMENT, "Option 'async' is not available for "
      + "ALTER EMBEDDING SPACE {0} ADD COLUMNS or REFRESH: it runs as a statement. Leave the "
      + "option out."),
  SHAPE_OPTION_FIXED(80095, SqlStates.INVALID_ARGUMENT, "Option '{0}' cannot change when columns "
      + "are added: embedding space '{1}' has {0} = {2}. Re-create it with CREATE OR REPLACE "
      + "EMBEDDING SPACE for another shape."),
  IMPORT_WRONG_KIND(80096, SqlStates.INVALID_ARGUMENT, "File '{0}' holds {1} '{2}' (written by "
      + "EXPORT {3}); import it with IMPORT {3}."),
  IMPORT_PREDICTOR_ABSENT(80097, SqlStates.UNUSABLE_DATA, "File '{0}' is damaged: it holds no "
      + "predictor '{1}'. Export it again."),
  MODEL_NAME_QUALIFIED(80098, SqlStates.INVALID_ARGUMENT, "The name of {0} '{1}' must be a single "
      + "identifier, without a schema; models live in schema ROWSPACE."),
  VERSION_NOT_POSITIVE(80099, SqlStates.INVALID_ARGUMENT, "ROLLBACK TO VERSION of {0} '{1}' needs "
      + "a version number, a positive integer, got {2}."),
  STATEMENT_PARAMETERS(80100, SqlStates.INVALID_ARGUMENT, "Rowspace statements take no "
      + "parameters: {0}"),
  NEGATIVE_QUERY_TIMEOUT(80101, SqlStates.INVALID_ARGUMENT, "Query timeout must be 0 or more "
      + "seconds, got {0}."),
  NO_BATCHES(80102, SqlStates.INVALID_ARGUMENT, "Rowspace statements and queries cannot be "
      + "batched; execute them one at a time: {0}"),
  VECTORS_UNREADABLE(80103, SqlStates.UNUSABLE_DATA, "The embedded rows of space '{0}' cannot be "
      + "read: {1}"),
  ROW_COUNT_RANGE(80104, SqlStates.INVALID_ARGUMENT, "{0} {1}: in a query that calls a Rowspace "
      + "function a row count must be an integer between 0 and {2}."),
  PROBA_NEEDS_CLASSIFICATION(80105, SqlStates.INVALID_ARGUMENT, "PREDICT_PROBA needs a "
      + "classification predictor; '{0}' predicts the number {1}. Use PREDICT or PREDICT_DETAILS "
      + "for its interval."),
  UNKNOWN_CLASS(80106, SqlStates.INVALID_ARGUMENT, "PREDICT_PROBA('{0}', '{1}'): '{1}' is not a "
      + "class of {2}. Classes: {3}."),
  MODEL_NAME_NOT_LITERAL(80107, SqlStates.INVALID_ARGUMENT, "The first argument of {0} must be "
      + "the {1}'s name as a string literal, e.g. {0}('churn')."),
  ROW_VALUES_BY_NAME(80108, SqlStates.INVALID_ARGUMENT, "{0}('{1}', ...): give row values by "
      + "name, e.g. {0}('{1}', age => 42)."),
  NO_INPUT_COLUMNS(80109, SqlStates.UNKNOWN_COLUMN, "{0}('{1}') finds none of its input columns "
      + "({2}) in the FROM clause of its SELECT. Select FROM a table that has them, or give the "
      + "values by name, e.g. {0}('{1}', {3} => ...)."),
  ANOMALY_SCORE_ARGUMENTS(80110, SqlStates.INVALID_ARGUMENT, "ANOMALY_SCORE takes only the "
      + "space's name, e.g. ANOMALY_SCORE('{0}'); it scores the current row."),
  EMBEDDINGS_ARGUMENTS(80111, SqlStates.INVALID_ARGUMENT, "EMBEDDINGS takes only the space's "
      + "name, e.g. TABLE(EMBEDDINGS('{0}'))."),
  SIMILAR_ROWS_ARGUMENTS(80112, SqlStates.INVALID_ARGUMENT, "SIMILAR_ROWS takes the space's name "
      + "as a string literal, a key and k, e.g. TABLE(SIMILAR_ROWS('shop', 42, 10))."),
  SIMILAR_ROWS_NULL_K(80113, SqlStates.INVALID_ARGUMENT, "SIMILAR_ROWS('{0}', ..., NULL): k must "
      + "be an integer between 1 and {1} (connection property rowspace.maxK), not NULL."),
  SIMILAR_ROWS_TEXT_K(80114, SqlStates.INVALID_ARGUMENT, "SIMILAR_ROWS('{0}', ..., '{1}'): k must "
      + "be an integer between 1 and {2} (connection property rowspace.maxK), not text."),
  SIMILAR_ROWS_K_RANGE(80115, SqlStates.INVALID_ARGUMENT, "SIMILAR_ROWS('{0}', ..., {1}): k must "
      + "be an integer between 1 and {2} (connection property rowspace.maxK)."),
  SIMILAR_ROWS_SUBQUERY(80116, SqlStates.INVALID_ARGUMENT, "SIMILAR_ROWS('{0}', key, k): the key "
      + "and k must be values (a number or string, or a parameter), not a subquery. Run the "
      + "subquery first and pass its value, or join: SELECT ... FROM t, TABLE(SIMILAR_ROWS('{0}', "
      + "42, 5)) s."),
  SIMILAR_ROWS_LITERAL(80117, SqlStates.INVALID_ARGUMENT, "SIMILAR_ROWS('{0}', key, k): the key "
      + "and k must be values (a number or string, or a parameter), not {1} {2}."),
  UNKNOWN_ROW_KEY(80118, SqlStates.INVALID_ARGUMENT, "No row of embedding space '{0}' has key {1} "
      + "({2}). If the row was added after the space was built, run REFRESH EMBEDDING SPACE {0}."),
  CURVE_ARGUMENTS(80119, SqlStates.INVALID_ARGUMENT, "{0} takes the predictor's name and the "
      + "labelled rows, as TABLE t or a query, e.g. TABLE({0}('{1}', TABLE t)) or TABLE({0}('{1}', "
      + "(SELECT * FROM t WHERE ...)))."),
  FEATURE_IMPORTANCE_ARGUMENTS(80120, SqlStates.INVALID_ARGUMENT, "FEATURE_IMPORTANCE takes only "
      + "the predictor's name, e.g. TABLE(FEATURE_IMPORTANCE('{0}'))."),
  NO_KNOWN_LABELS(80121, SqlStates.UNUSABLE_DATA, "None of the {0} labelled rows holds a value of "
      + "{1} that predictor '{2}' knows ({3}; its classes: {4}). Evaluate on rows of the classes "
      + "it was trained on."),
  NULL_MODEL_CONSTANT(80122, SqlStates.INVALID_ARGUMENT, "{0}: the model's name, the class and "
      + "the column names must not be NULL."),
  VIEW_STARS(80123, SqlStates.FEATURE_NOT_SUPPORTED, "A view with a model call may select one * "
      + "at most; name the columns of the others."),
  VIEWS_TOO_DEEP(80124, SqlStates.SYNTAX, "View {0} names views {1} levels deep, or itself. "
      + "Define it over tables or shallower views."),
  VIEW_UNPARSABLE(80125, SqlStates.SYNTAX, "The stored query of view {0} no longer parses: {1}. "
      + "Re-create the view."),
  BACKING_QUERY_UNDESCRIBED(80126, SqlStates.FEATURE_NOT_SUPPORTED, "The backing database ({0}) "
      + "does not describe the columns of a query before running it, which a query with a model "
      + "call needs for its part without model calls. Run such queries on a database whose JDBC "
      + "driver describes prepared queries (H2, PostgreSQL)."),
  INTERNAL_CONNECTIONS_BUSY(80054, SqlStates.TOO_MANY_CONNECTIONS, "All {0} of Rowspace's "
      + "internal connections to {1} stayed busy for {2} s (catalog and model reads of other "
      + "statements). Retry the statement; if it keeps happening, fewer statements at once or a "
      + "backing database allowing more connections help."),
  BACKING_CONNECT_FAILED(80127, SqlStates.CANNOT_CONNECT, "Cannot connect to the backing "
      + "database {0}: {1}"),
  DAMAGED_DATABASE_FILE(80128, SqlStates.DATA_CORRUPTED, "The database file {0}.mv.db is "
      + "damaged: {1}. Rowspace did not open it and changed nothing. To get the data back, "
      + "restore the file from a backup, or let H2 salvage what it can read: java -cp {2} "
      + "org.h2.tools.Recover -dir {3} -db {4} (writes {4}.h2.sql), then java -cp {2} "
      + "org.h2.tools.RunScript -url jdbc:h2:{3}/{4}_recovered -script {3}/{4}.h2.sql, and "
      + "connect to jdbc:rowspace:h2:{3}/{4}_recovered. Keep the damaged file until you have "
      + "checked the recovered one."),
  // 80129 carried the planner's own words before its refusals joined this list (83001+): retired.
  NOT_A_WRAPPER(80130, SqlStates.INTERNAL, "Not a wrapper of {0}"),
  REPORT_COLOR_COLUMN(80131, SqlStates.UNKNOWN_COLUMN, "Column '{0}' is not in table {1}, the "
      + "space's root table. Its columns are: {2}. Give one of them to --color-by."),
  REPORT_ROWS_WITHOUT_KEY(80132, SqlStates.INVALID_ARGUMENT, "The rows of the space have no key "
      + "to find their {0} values by; the view is coloured by anomaly score without --color-by."),
  IMPORT_TABLE_NAME(80133, SqlStates.SYNTAX, "Table name '{0}' is not a plain SQL identifier; use "
      + "letters, digits and '_', e.g. {1}."),
  IMPORT_EMPTY_FILE(80134, SqlStates.UNUSABLE_DATA, "File {0} is empty: a header row with column "
      + "names is needed."),
  IMPORT_TYPES_FOR_EXISTING(80135, SqlStates.INVALID_ARGUMENT, "Table {0} exists, so its "
      + "columns' types are used: --types applies only to a new table. Drop the option or "
      + "import into a new table."),
  IMPORT_COLUMN_NOT_IN_TABLE(80136, SqlStates.UNKNOWN_COLUMN, "Column '{0}' of {1} is not in "
      + "table {2}. Its columns are: {3}. Rename the header or import into a new table."),
  IMPORT_FIELD_COUNT(80137, SqlStates.UNUSABLE_DATA, "Record {0} has {1} fields but the header "
      + "names {2}. Check the delimiter (--delimiter) and quotes (--quote)."),
  IMPORT_VALUE(80138, SqlStates.INVALID_CHARACTER_VALUE, "Record {0}, column {1}: '{2}' is not a "
      + "valid {3}."),
  IMPORT_TYPES_COLUMN(80139, SqlStates.UNKNOWN_COLUMN, "--types names column '{0}', which is not "
      + "in the header of {1}. Its columns are: {2}."),
  MERGE_SOURCE_WITHOUT_NAME(80140, SqlStates.FEATURE_NOT_SUPPORTED, "In MERGE, a model call in "
      + "{0} reads the USING row, which needs a name: write USING (query) AS s."),
  TABLE_FUNCTION_AS_VALUE(80150, SqlStates.SYNTAX, "{0} returns rows, not a value (line {1}, "
      + "column {2}): call it in FROM, e.g. SELECT * FROM TABLE({0}(...)), and join or aggregate "
      + "its rows there."),
  UNPLANNABLE_BESIDE_MODEL_CALL(80151, SqlStates.FEATURE_NOT_SUPPORTED, "This query calls a "
      + "Rowspace function, and {0} cannot be computed in the same step as the model call. "
      + "Compute it without the model call in a subquery or WITH query and call the model on its "
      + "result, e.g. WITH t AS (SELECT ...) SELECT t.*, PREDICT(...) FROM t."),
  MODEL_INPUTS_NOT_GROUPED(80152, SqlStates.SYNTAX, "{0} In a grouped query a model call reads "
      + "its input columns row by row: aggregate the call (e.g. MAX(PREDICT(...))), group by its "
      + "input columns, or give its inputs by name (PREDICT('p', column => expression))."),
  INTERVAL_TEXT_UNREAD(80153, SqlStates.SYNTAX, "INTERVAL '{0}' cannot be read beside a model "
      + "call: {1}. Write it with its unit, as INTERVAL '3' DAY, INTERVAL '2:30' HOUR TO MINUTE "
      + "or INTERVAL '1-2' YEAR TO MONTH, and add months and days as two intervals "
      + "(d + INTERVAL '1' MONTH + INTERVAL '2' DAY)."),
  DISTINCT_ON_BESIDE_MODEL_CALL(80154, SqlStates.FEATURE_NOT_SUPPORTED, "DISTINCT ON (line {0}, "
      + "column {1}) is applied by the backing database before a model call is evaluated, so its "
      + "keys, the SELECT's ORDER BY, WHERE, GROUP BY, HAVING and FROM, and the window functions "
      + "of its select list must not call a model. Keep the first row of each key with a window "
      + "instead, e.g. SELECT * FROM (SELECT ..., ROW_NUMBER() OVER (PARTITION BY key ORDER BY "
      + "...) AS rn FROM ...) s WHERE rn = 1, or apply DISTINCT ON in a WITH query without model "
      + "calls and call the model on its rows."),
  CONSTRUCT_NOT_READ(80155, SqlStates.FEATURE_NOT_SUPPORTED, "{0} (line {1}, column {2}) is not "
      + "read in a statement that calls a Rowspace function; the database reads it in statements "
      + "without one. {3}"),
  // 80025 and 80026 were the SQLSTATEs of the engine's errors before they joined this list: retired.

  // ------------------------------------------------------------------ engine: runtime and device
  UNKNOWN_DEVICE(81001, SqlStates.INVALID_ARGUMENT,
      "Device must be one of auto, cpu, gpu, got '{0}'."),
  NO_GPU(81002, SqlStates.INVALID_ARGUMENT,
      "Device 'gpu' was requested but no GPU is visible to PyTorch. Use device 'auto' or 'cpu'."),
  ENGINE_START(81003, SqlStates.INTERNAL, "The PyTorch engine could not start: {0}. Check that "
      + "pytorch-native-cpu is on the class path."),

  // ------------------------------------------------------------------ engine: options
  UNKNOWN_SPACE_OPTION(81010, SqlStates.INVALID_ARGUMENT,
      "Unknown embedding space option '{0}'. Valid options: {1}."),
  UNKNOWN_PREDICTOR_OPTION(81011, SqlStates.INVALID_ARGUMENT,
      "Unknown predictor option '{0}'. Valid options: {1}."),
  OPTION_VALUE(81012, SqlStates.INVALID_ARGUMENT, "Option '{0}' must be {1}, got '{2}'."),
  HEADS_DIVIDE_WIDTH(81013, SqlStates.INVALID_ARGUMENT,
      "Option 'd_model' ({0}) must be a multiple of 'heads' ({1})."),
  LOG_TARGET_NOT_POSITIVE(81014, SqlStates.INVALID_ARGUMENT, "Option 'target_transform' = 'log' needs "
      + "a target above zero; '{0}' holds {1}. Use target_transform = 'none'."),
  UNKNOWN_POSITIVE_LABEL(81015, SqlStates.INVALID_ARGUMENT,
      "Option 'positive_label' = '{0}' is not a value of target '{1}'. Values: {2}."),
  REGRESSION_LOSS_FOR_CLASSES(81016, SqlStates.INVALID_ARGUMENT, "Option 'loss' = '{0}' is for "
      + "regression; target '{1}' is {2}. Use auto, focal or cross_entropy."),
  CLASSIFICATION_LOSS_FOR_NUMBERS(81017, SqlStates.INVALID_ARGUMENT, "Option 'loss' = '{0}' is for "
      + "classification; target '{1}' is numeric (regression). Use auto, mse or huber."),
  EXTENDED_SHAPE(81018, SqlStates.INVALID_ARGUMENT, "An extended space keeps the shape of the space it "
      + "extends (d_model {0}, layers {1}, heads {2})."),

  // ------------------------------------------------------------------ engine: data of a space
  TOO_FEW_SPACE_ROWS(81020, SqlStates.UNUSABLE_DATA,
      "An embedding space needs at least {0} rows, got {1}. Add rows to the table."),
  NO_USABLE_COLUMNS(81021, SqlStates.UNUSABLE_DATA, "No usable columns: every column was excluded "
      + "({0}). Add columns with varying values."),
  ONE_USABLE_COLUMN(81022, SqlStates.UNUSABLE_DATA, "An embedding space needs at least two usable "
      + "columns, found only '{0}'{1}. Add columns with varying values."),
  EXTENDED_COLUMNS_MISSING(81023, SqlStates.UNUSABLE_DATA,
      "The rows lack columns of the space being extended: it needs {0}."),
  EXTENDED_RELATION_MISSING(81024, SqlStates.UNUSABLE_DATA, "The rows lack the related rows of "
      + "'{0}', a related table of the space being extended."),
  ONE_RELATED_INPUT(81025, SqlStates.UNUSABLE_DATA, "An embedding space needs two inputs; the "
      + "root table has no usable column of its own ({1}) and related table '{0}' is its only "
      + "other input. Keep a column of the root table in the space (such as the one a predictor "
      + "will predict), or include a second related table."),

  // ------------------------------------------------------------------ engine: data of a predictor
  TARGET_NOT_A_COLUMN(81030, SqlStates.INVALID_ARGUMENT,
      "Target column '{0}' is not among the rows' columns."),
  TARGET_TYPE(81031, SqlStates.UNUSABLE_DATA, "Target column '{0}' has SQL type {1}, which cannot "
      + "be predicted. Choose a numeric, text or boolean column."),
  TARGET_NOT_NUMERIC(81032, SqlStates.UNUSABLE_DATA, "Target column '{0}' holds '{1}', which is "
      + "not a number: regression needs a numeric target."),
  TARGET_EMPTY(81033, SqlStates.UNUSABLE_DATA, "Target column '{0}' has no values in {1} rows: a "
      + "predictor needs rows with a target value."),
  TARGET_CONSTANT(81034, SqlStates.UNUSABLE_DATA, "Target column '{0}' has a single value ('{1}') "
      + "in {2} rows: a predictor needs at least two."),
  TOO_MANY_CLASSES(81035, SqlStates.UNUSABLE_DATA, "Target column '{0}' has {1} distinct values: "
      + "too many classes (at most {2}). Use task = 'regression' for a numeric target."),
  BINARY_NEEDS_TWO_VALUES(81036, SqlStates.UNUSABLE_DATA, "Option task = 'binary' needs a target with "
      + "two values; '{0}' has {1}. Use task = 'multiclass'."),
  TOO_FEW_TARGET_ROWS(81037, SqlStates.UNUSABLE_DATA, "Target column '{0}' has too few rows with a "
      + "value ({1}) to train and validate a predictor."),
  TOO_FEW_BASELINE_ROWS(81038, SqlStates.UNUSABLE_DATA, "The training rows of the predictor of '{0}' "
      + "are too few ({1}) to train baselines on."),
  NO_BASELINE_INPUTS(81039, SqlStates.UNUSABLE_DATA, "The predictor of '{0}' has no number, date, "
      + "boolean or category column among its inputs for a baseline to read."),

  // ------------------------------------------------------------------ engine: models in use
  OTHER_SPACE(81040, SqlStates.INVALID_ARGUMENT, "Predictor of '{0}' was trained on a different "
      + "embedding space; use the space it was trained on or re-create the predictor."),
  TUNED_WEIGHT_SHAPE(81041, SqlStates.INVALID_ARGUMENT, "The predictor's fine-tuned weight '{0}' does "
      + "not fit the embedding space's shape; re-create the predictor on this space."),
  SUMMARIES_NOT_READ(81042, SqlStates.INVALID_ARGUMENT, "Predictor of '{0}' reads {1}"),
  PREDICTOR_CLOSED(81043, SqlStates.INTERNAL, "Predictor was closed; load it again to use it."),
  SPACE_CLOSED(81044, SqlStates.INTERNAL, "Embedding space was closed; load it again to use it."),
  PREDICTOR_PART_MISSING(81045, SqlStates.INTERNAL, "A predictor needs its {0}; set it before build()."),

  // ------------------------------------------------------------------ engine: saved models
  MODEL_NOT_SERIALISED(81050, SqlStates.INTERNAL, "Could not serialise model: {0}"),
  MODEL_CORRUPT(81051, SqlStates.UNUSABLE_DATA, "Saved {0} is corrupt: {1}. Re-create it."),
  MODEL_UNREADABLE(81052, SqlStates.UNUSABLE_DATA, "Saved {0} cannot be loaded: {1}."),
  SPACE_WEIGHT_COUNT(81053, SqlStates.INTERNAL, "Space has {0} weights, its shape needs {1}."),
  SPACE_FINGERPRINT(81054, SqlStates.INTERNAL, "Cannot fingerprint space"),
  ENCODER_RENAME(81055, SqlStates.INTERNAL, "Cannot rename the encoder of column '{0}': {1}"),

  // ------------------------------------------------------------------ engine: training
  SPACE_TRAINING_CANCELLED(81060, SqlStates.CANCELLED,
      "Training of the embedding space was cancelled; nothing was saved."),
  PREDICTOR_TRAINING_CANCELLED(81061, SqlStates.CANCELLED,
      "Training of the predictor was cancelled; nothing was saved."),
  BASELINES_CANCELLED(81062, SqlStates.CANCELLED, "Training of the baselines was cancelled."),
  INDEX_BUILD_INTERRUPTED(81063, SqlStates.CANCELLED, "Building the search index was interrupted."),
  INDEX_BUILD_CANCELLED(81064, SqlStates.CANCELLED, "Building the search index was cancelled."),
  TRAINING_OUT_OF_MEMORY(81065, SqlStates.OUT_OF_MEMORY,
      "Training ran out of memory. Set a smaller 'batch_size' or 'max_rows'."),
  TRAINING_DIVERGED(81066, SqlStates.INTERNAL,
      "Training diverged: the loss was never finite. Try a smaller 'learning_rate'."),
  TRAINING_NATIVE_FAILURE(81067, SqlStates.INTERNAL, "PyTorch failed during training: {0}"),

  // ------------------------------------------------------------------ related tables, read over JDBC
  READ_CANCELLED(82001, SqlStates.CANCELLED, "Reading {0} was cancelled."),
  RELATED_TABLE_GONE(82002, SqlStates.UNKNOWN_TABLE, "Related table '{0}' of the embedding space no longer "
      + "exists. Re-create the table or the space."),
  JOIN_COLUMN_GONE(82003, SqlStates.UNKNOWN_COLUMN, "Column '{0}' of related table '{1}' no longer exists; "
      + "the embedding space joins on it. Re-create the space."),

  // ------------------------------------------------------------------ related tables, planned
  INCLUDE_ROOT(83001, SqlStates.INVALID_ARGUMENT, "INCLUDE ({0}): the root table is always part "
      + "of its space; list only related tables."),
  INCLUDE_UNLINKED(83002, SqlStates.UNKNOWN_TABLE, "INCLUDE ({0}): no foreign key links {0} to "
      + "{1} through the listed tables. Name the join column: INCLUDE ({0} VIA column)."),
  VIA_COLUMN_MISSING(83003, SqlStates.UNKNOWN_COLUMN, "INCLUDE ({0} VIA {1}): neither {0} nor {2} "
      + "has a column {1}. Columns of {0}: {3}."),
  VIA_KEY_NOT_SINGLE(83004, SqlStates.INVALID_ARGUMENT, "INCLUDE (... VIA {0}): {1}.{0} would "
      + "reference {2}, which has {3}; VIA joins on a single-column key. Declare a foreign key "
      + "instead."),
  RELATED_TABLE_MISSING(83005, SqlStates.UNKNOWN_TABLE, "Table '{0}' does not exist. Tables: {1}."),
  JOIN_KEY_TYPES(83006, SqlStates.UNUSABLE_DATA, "Cannot join {0}.{1} ({2}) to {3}.{4} ({5}): the "
      + "key types are incompatible. Convert one column to the other's type, or leave {6} out "
      + "with INCLUDE.");

  private final int code;
  private final String sqlState;
  private final MessageTemplate template;

  ErrorCode(int code, String sqlState, String message) {
    this.code = code;
    this.sqlState = sqlState;
    this.template = new MessageTemplate(message);
  }

  /** The stable number of this error: the vendor code of its exceptions. */
  public int code() {
    return code;
  }

  public String sqlState() {
    return sqlState;
  }

  /** The message with its parameters unfilled, and their count. */
  public MessageTemplate template() {
    return template;
  }

  /**
   * The message with {@code {i}} replaced by the i-th argument.
   *
   * @throws IllegalArgumentException if the count of arguments is not the message's
   */
  public String message(Object... arguments) {
    return template.fill(name(), arguments);
  }

  /** The error as an exception. */
  public SQLException exception(Object... arguments) {
    return new SQLException(message(arguments), sqlState, code);
  }

  /** The error as an exception with its cause. */
  public SQLException exception(Throwable cause, Object... arguments) {
    return new SQLException(message(arguments), sqlState, code, cause);
  }

  /**
   * The error as an exception with another SQLSTATE than the entry's: for errors that pass on the
   * state another system chose (the backing database refusing a connection, the planner), or the
   * entry's own when {@code state} is null.
   */
  public SQLException exceptionWithState(String state, Throwable cause, Object... arguments) {
    return new SQLException(message(arguments), state == null ? sqlState : state, code, cause);
  }

  /** The error as the unchecked exception of code that knows no SQL (the engine). */
  public EngineException failure(Object... arguments) {
    return new EngineException(this, message(arguments), null);
  }

  /** The error as the unchecked exception of code that knows no SQL, with its cause. */
  public EngineException failure(Throwable cause, Object... arguments) {
    return new EngineException(this, message(arguments), cause);
  }
}
