package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A script is cut at the semicolons that end statements, and nowhere else. */
class SqlScriptTest {
  @Test
  void cutsAtSemicolonsAndKeepsALastUnterminatedStatement() {
    assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3"),
        SqlScript.statementsOf("SELECT 1;\nSELECT 2 ;  SELECT 3"));
  }

  @Test
  void semicolonsInStringsAndQuotedIdentifiersDoNotEndStatements() {
    assertEquals(List.of("INSERT INTO t VALUES ('a;b', 'it''s; ok')", "SELECT \"odd;name\" FROM t"),
        SqlScript.statementsOf("INSERT INTO t VALUES ('a;b', 'it''s; ok');SELECT \"odd;name\" FROM t;"));
  }

  @Test
  void semicolonsInCommentsDoNotEndStatements() {
    String script = "SELECT 1 -- first; not a cut\n+ 1;\nSELECT /* a; b */ 2;";
    assertEquals(List.of("SELECT 1 -- first; not a cut\n+ 1", "SELECT /* a; b */ 2"),
        SqlScript.statementsOf(script));
  }

  @Test
  void commentsBeforeAStatementAreDroppedAndCommentOnlyPiecesAreNoStatements() {
    String script = "-- load the data\n/* twice */ CREATE TABLE t(a INT);\n-- the end\n;  ;\n/* bye */";
    assertEquals(List.of("CREATE TABLE t(a INT)"), SqlScript.statementsOf(script));
  }

  @Test
  void dollarQuotedBodiesAreOneToken() {
    String script = "CREATE ALIAS f AS $$ String f() { return \"a;b\"; } $$; SELECT $1 ; SELECT 2";
    assertEquals(List.of("CREATE ALIAS f AS $$ String f() { return \"a;b\"; } $$", "SELECT $1", "SELECT 2"),
        SqlScript.statementsOf(script));
  }

  @Test
  void knowsWhenTheShellMustReadMoreLines() {
    assertTrue(SqlScript.parse("SELECT 1").isIncomplete());
    assertTrue(SqlScript.parse("SELECT 'a;").isIncomplete());
    assertTrue(SqlScript.parse("SELECT 1; /* open").isIncomplete());
    assertFalse(SqlScript.parse("SELECT 1;").isIncomplete());
    assertFalse(SqlScript.parse("SELECT 1; -- done").isIncomplete());
    assertFalse(SqlScript.parse("   ").isIncomplete());
    assertEquals(List.of("SELECT 1"), SqlScript.parse("SELECT 1; SELECT").statements());
  }

  @Test
  void shellCommandsNeedNoSemicolon() {
    assertTrue(SqlLineParser.isShellCommand(" QUIT "));
    assertTrue(SqlLineParser.isShellCommand("exit;"));
    assertFalse(SqlLineParser.isShellCommand("quit_table"));
  }
}
