<#--
  The Rowspace statements of SPEC.md section 3, included into Calcite's
  Parser.jj by FMPP (see ../config.fmpp). The parse-tree classes they build
  are in io.rowspace.sql.parser.
-->

/** Parses an optional IF NOT EXISTS; IF alone may still be a name. */
boolean RowspaceIfNotExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** Parses an optional IF EXISTS; IF alone may still be a name. */
boolean RowspaceIfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/**
 * Parses the value of a WITH option: a signed number, a string, TRUE, FALSE
 * or a bare word such as AUTO or CPU.
 */
SqlNode RowspaceOptionValue() :
{
    final SqlNode value;
    final String text;
}
{
    (
        value = NumericLiteral()
    |
        text = SimpleStringLiteral() {
            value = SqlLiteral.createCharString(text, getPos());
        }
    |
        <TRUE> { value = SqlLiteral.createBoolean(true, getPos()); }
    |
        <FALSE> { value = SqlLiteral.createBoolean(false, getPos()); }
    |
        value = SimpleIdentifier()
    )
    { return value; }
}

/** Parses {@code WITH ( key = value [, ...] )}. */
SqlNodeList RowspaceOptionList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlIdentifier key;
    SqlNode value;
}
{
    <WITH> { s = span(); }
    <LPAREN>
    key = SimpleIdentifier() <EQ> value = RowspaceOptionValue() {
        list.add(new SqlOption(key.getParserPosition().plus(value.getParserPosition()), key, value));
    }
    (
        <COMMA>
        key = SimpleIdentifier() <EQ> value = RowspaceOptionValue() {
            list.add(new SqlOption(key.getParserPosition().plus(value.getParserPosition()), key, value));
        }
    )*
    <RPAREN>
    { return new SqlNodeList(list, s.end(this)); }
}

/** Parses one {@code table [VIA column]} entry of an INCLUDE list. */
SqlInclude RowspaceInclude() :
{
    final SqlIdentifier table;
    SqlIdentifier via = null;
}
{
    table = CompoundIdentifier()
    [ <VIA> via = SimpleIdentifier() ]
    {
        return new SqlInclude(via == null
            ? table.getParserPosition()
            : table.getParserPosition().plus(via.getParserPosition()),
            table, via);
    }
}

/**
 * Parses the part of CREATE EMBEDDING SPACE after CREATE [OR REPLACE];
 * also used by EXPLAIN PLAN FOR CREATE EMBEDDING SPACE.
 */
SqlCreateEmbeddingSpace SqlCreateEmbeddingSpace(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlIdentifier rootTable;
    final List<SqlNode> includes = new ArrayList<SqlNode>();
    boolean noRelatedTables = false;
    final List<SqlNode> excluded = new ArrayList<SqlNode>();
    SqlNodeList options = SqlNodeList.EMPTY;
    SqlInclude include;
    SqlIdentifier column;
}
{
    <EMBEDDING> <SPACE> ifNotExists = RowspaceIfNotExistsOpt()
    name = CompoundIdentifier()
    <ON> rootTable = CompoundIdentifier()
    [
        <INCLUDE>
        (
            <LPAREN>
            include = RowspaceInclude() { includes.add(include); }
            ( <COMMA> include = RowspaceInclude() { includes.add(include); } )*
            <RPAREN>
        |
            <NO> <RELATED> <TABLES> { noRelatedTables = true; }
        )
    ]
    [
        <EXCLUDE> <COLUMNS> <LPAREN>
        column = CompoundIdentifier() { excluded.add(column); }
        ( <COMMA> column = CompoundIdentifier() { excluded.add(column); } )*
        <RPAREN>
    ]
    [ options = RowspaceOptionList() ]
    {
        return new SqlCreateEmbeddingSpace(s.end(this), replace, ifNotExists,
            name, rootTable, new SqlNodeList(includes, SqlParserPos.ZERO),
            noRelatedTables, new SqlNodeList(excluded, SqlParserPos.ZERO),
            options);
    }
}

/** Parses the part of CREATE PREDICTOR after CREATE [OR REPLACE]. */
SqlCreate SqlCreatePredictor(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlIdentifier space;
    final SqlIdentifier target;
    SqlNodeList options = SqlNodeList.EMPTY;
}
{
    <PREDICTOR> ifNotExists = RowspaceIfNotExistsOpt()
    name = CompoundIdentifier()
    <ON> [ LOOKAHEAD(2) <EMBEDDING> <SPACE> ]
    space = CompoundIdentifier()
    <TARGET> target = SimpleIdentifier()
    [ options = RowspaceOptionList() ]
    {
        return new SqlCreatePredictor(s.end(this), replace, ifNotExists, name,
            space, target, options);
    }
}

/** Parses the part of DROP EMBEDDING SPACE after DROP. */
SqlDrop SqlDropEmbeddingSpace(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
    boolean cascade = false;
}
{
    <EMBEDDING> <SPACE> ifExists = RowspaceIfExistsOpt()
    name = CompoundIdentifier()
    [ <CASCADE> { cascade = true; } ]
    { return new SqlDropEmbeddingSpace(s.end(this), ifExists, name, cascade); }
}

/** Parses the part of DROP PREDICTOR after DROP. */
SqlDrop SqlDropPredictor(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <PREDICTOR> ifExists = RowspaceIfExistsOpt()
    name = CompoundIdentifier()
    { return new SqlDropPredictor(s.end(this), ifExists, name); }
}

/** Parses SHOW EMBEDDING SPACES. */
SqlNode SqlShowEmbeddingSpaces() :
{
    final Span s;
}
{
    <SHOW> { s = span(); } <EMBEDDING> <SPACES>
    { return new SqlShowEmbeddingSpaces(s.end(this)); }
}

/** Parses SHOW PREDICTORS. */
SqlNode SqlShowPredictors() :
{
    final Span s;
}
{
    <SHOW> { s = span(); } <PREDICTORS>
    { return new SqlShowPredictors(s.end(this)); }
}

/**
 * Parses DESCRIBE EMBEDDING SPACE name. Calcite's DESCRIBE [TABLE] still
 * parses every other form; a table called EMBEDDING is described as
 * DESCRIBE TABLE embedding.
 */
SqlNode SqlDescribeEmbeddingSpace() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <DESCRIBE> { s = span(); } <EMBEDDING> <SPACE> name = CompoundIdentifier()
    { return new SqlDescribeEmbeddingSpace(s.end(this), name); }
}

/** Parses DESCRIBE PREDICTOR name. */
SqlNode SqlDescribePredictor() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <DESCRIBE> { s = span(); } <PREDICTOR> name = CompoundIdentifier()
    { return new SqlDescribePredictor(s.end(this), name); }
}

/** Parses REFRESH EMBEDDING SPACE name. */
SqlNode SqlRefreshEmbeddingSpace() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <REFRESH> { s = span(); } <EMBEDDING> <SPACE> name = CompoundIdentifier()
    { return new SqlRefreshEmbeddingSpace(s.end(this), name); }
}

/** Parses CANCEL JOB 'id'. */
SqlNode SqlCancelJob() :
{
    final Span s;
    final String jobId;
}
{
    <CANCEL> { s = span(); } <JOB> jobId = SimpleStringLiteral()
    {
        return new SqlCancelJob(s.end(this),
            SqlLiteral.createCharString(jobId, getPos()));
    }
}

/**
 * Parses every statement that starts with EXPLAIN PLAN. Being tried before
 * Calcite's SqlExplain, it must accept Calcite's forms too: FOR CREATE
 * EMBEDDING SPACE gives a Rowspace training plan, anything else is Calcite's
 * EXPLAIN PLAN [detail] [depth] [format] FOR query-or-DML.
 */
SqlNode SqlExplainRowspace() :
{
    final Span s;
    final Span createSpan;
    boolean replace = false;
    final SqlCreateEmbeddingSpace create;
    SqlExplainLevel detailLevel = SqlExplainLevel.EXPPLAN_ATTRIBUTES;
    final SqlExplain.Depth depth;
    final SqlExplainFormat format;
    final SqlNode stmt;
}
{
    <EXPLAIN> { s = span(); } <PLAN>
    (
        LOOKAHEAD(2)
        <FOR> <CREATE> { createSpan = span(); }
        [ <OR> <REPLACE> { replace = true; } ]
        create = SqlCreateEmbeddingSpace(createSpan, replace)
        {
            return new SqlExplainEmbeddingSpace(s.end(this), create);
        }
    |
        [ detailLevel = ExplainDetailLevel() ]
        depth = ExplainDepth()
        (
            LOOKAHEAD(2)
            <AS> <XML> { format = SqlExplainFormat.XML; }
        |
            LOOKAHEAD(2)
            <AS> <JSON> { format = SqlExplainFormat.JSON; }
        |
            <AS> <DOT_FORMAT> { format = SqlExplainFormat.DOT; }
        |
            { format = SqlExplainFormat.TEXT; }
        )
        <FOR> stmt = SqlQueryOrDml()
        {
            return new SqlExplain(getPos(),
                stmt,
                detailLevel.symbol(SqlParserPos.ZERO),
                depth.symbol(SqlParserPos.ZERO),
                format.symbol(SqlParserPos.ZERO),
                nDynamicParams);
        }
    )
}

<#-- Versions and moving models between databases (issue 19, part B). -->

/** Parses PREDICTOR or EMBEDDING SPACE: the kind of model a statement names. */
SqlModelKind RowspaceModelKind() :
{
}
{
    <PREDICTOR> { return SqlModelKind.PREDICTOR; }
|
    <EMBEDDING> <SPACE> { return SqlModelKind.EMBEDDING_SPACE; }
}

/**
 * Parses ALTER PREDICTOR name ROLLBACK TO VERSION n,
 * ALTER EMBEDDING SPACE name ROLLBACK TO VERSION n,
 * ALTER EMBEDDING SPACE name ADD COLUMNS (c [, ...]) [WITH (...)] and
 * ALTER EMBEDDING SPACE name REFRESH [WITH (...)]. Calcite's
 * ALTER SYSTEM and ALTER SESSION are told apart by the word after ALTER.
 */
SqlNode SqlAlterModel() :
{
    final Span s;
    final SqlIdentifier name;
    final SqlNumericLiteral version;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    SqlIdentifier column;
    SqlNodeList options = SqlNodeList.EMPTY;
}
{
    <ALTER> { s = span(); }
    (
        <PREDICTOR> name = CompoundIdentifier()
        <ROLLBACK> <TO> <VERSION> version = UnsignedNumericLiteral()
        { return new SqlRollbackModel(s.end(this), SqlModelKind.PREDICTOR, name, version); }
    |
        <EMBEDDING> <SPACE> name = CompoundIdentifier()
        (
            <ROLLBACK> <TO> <VERSION> version = UnsignedNumericLiteral()
            {
                return new SqlRollbackModel(s.end(this), SqlModelKind.EMBEDDING_SPACE, name,
                    version);
            }
        |
            <ADD> <COLUMNS> <LPAREN>
            column = SimpleIdentifier() { columns.add(column); }
            ( <COMMA> column = SimpleIdentifier() { columns.add(column); } )*
            <RPAREN>
            [ options = RowspaceOptionList() ]
            {
                return new SqlContinueTraining(s.end(this), name,
                    new SqlNodeList(columns, SqlParserPos.ZERO), options);
            }
        |
            <REFRESH> [ options = RowspaceOptionList() ]
            {
                return new SqlContinueTraining(s.end(this), name, SqlNodeList.EMPTY, options);
            }
        )
    )
}

/** Parses EXPORT PREDICTOR | EMBEDDING SPACE name TO 'file'. */
SqlNode SqlExportModel() :
{
    final Span s;
    final SqlModelKind kind;
    final SqlIdentifier name;
    final String file;
    final SqlParserPos filePos;
}
{
    <EXPORT> { s = span(); } kind = RowspaceModelKind() name = CompoundIdentifier()
    <TO> file = SimpleStringLiteral() { filePos = getPos(); }
    {
        return new SqlExportModel(s.end(this), kind, name,
            SqlLiteral.createCharString(file, filePos));
    }
}

/** Parses IMPORT [OR REPLACE] PREDICTOR | EMBEDDING SPACE [name] FROM 'file'. */
SqlNode SqlImportModel() :
{
    final Span s;
    boolean replace = false;
    final SqlModelKind kind;
    SqlIdentifier name = null;
    final String file;
    final SqlParserPos filePos;
}
{
    <IMPORT> { s = span(); } [ <OR> <REPLACE> { replace = true; } ]
    kind = RowspaceModelKind() [ name = CompoundIdentifier() ]
    <FROM> file = SimpleStringLiteral() { filePos = getPos(); }
    {
        return new SqlImportModel(s.end(this), replace, kind, name,
            SqlLiteral.createCharString(file, filePos));
    }
}

<#-- Evaluation (issue 19, part A). -->

/**
 * Parses EVALUATE PREDICTOR name ON table | (query) [WITH (...)]: the
 * predictor's metrics on the labelled rows of a table or query.
 */
SqlNode SqlEvaluatePredictor() :
{
    final Span s;
    final SqlIdentifier name;
    final SqlNode source;
    SqlNodeList options = SqlNodeList.EMPTY;
}
{
    <EVALUATE> { s = span(); } <PREDICTOR> name = CompoundIdentifier()
    <ON>
    (
        source = CompoundIdentifier()
    |
        <LPAREN> source = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) <RPAREN>
    )
    [ options = RowspaceOptionList() ]
    { return new SqlEvaluatePredictor(s.end(this), name, source, options); }
}

<#-- Casts written value::type (issue 13). -->

/**
 * PostgreSQL's (and H2's) cast {@code value::type}, a binary expression of Rowspace queries: in
 * the part of a query the backing database runs it stays {@code ::}, beside a model call it is
 * Calcite's CAST.
 */
void InfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    SqlDataTypeSpec type;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
    }
    type = DataType()
    (
        // PostgreSQL's array types, value::int[]: the standard's INTEGER ARRAY
        LOOKAHEAD(2) <LBRACKET> <RBRACKET> {
            type = new SqlDataTypeSpec(new SqlCollectionTypeNameSpec(type.getTypeNameSpec(),
                SqlTypeName.ARRAY, getPos()), getPos());
        }
    )*
    {
        list.add(
            new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.INFIX_CAST, s.pos()));
        list.add(type);
    }
}

<#-- SELECT DISTINCT ON (keys) (issue 13). -->

/**
 * The quantifier of a SELECT: ALL, DISTINCT, or PostgreSQL's and H2's DISTINCT ON (keys), which
 * keeps the first row of each distinct value of the keys ({@code SqlDistinctOn}).
 */
SqlLiteral SelectQuantifier() :
{
    final Span s;
    final SqlNodeList keys;
}
{
    <DISTINCT> { s = span(); }
    (
        <ON> <LPAREN> keys = ExpressionCommaList(s, ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
            return new SqlDistinctOn(s.end(this), keys);
        }
    |
        { return SqlSelectKeyword.DISTINCT.symbol(s.pos()); }
    )
|
    <ALL> { return SqlSelectKeyword.ALL.symbol(getPos()); }
}

<#-- PostgreSQL's JSON access j -> 'k' and j ->> 'k' (issue 13). -->

/**
 * PostgreSQL's JSON access, a binary expression of Rowspace queries: {@code j -> 'key'} and
 * {@code j ->> 'key'} ({@code JsonAccessOperator}), computed by the database.
 */
void JsonAccess(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlBinaryOperator op;
    final SqlNode e;
}
{
    (
        <LAMBDA> { op = JsonAccessOperator.FIELD; }
    |
        <JSON_FIELD_TEXT> { op = JsonAccessOperator.FIELD_TEXT; }
    )
    {
        checkNonQueryExpression(exprContext);
    }
    e = Expression3(ExprContext.ACCEPT_SUB_QUERY) {
        list.add(new SqlParserUtil.ToTreeListItem(op, s.pos()));
        list.add(e);
    }
}
