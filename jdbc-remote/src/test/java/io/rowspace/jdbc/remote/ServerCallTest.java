package io.rowspace.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server calls as SQL text and back, and the remote URL's address and properties. */
class ServerCallTest {

  @Test
  void aMetadataCallRoundTripsThroughItsSql() {
    ServerCall call = ServerCall.metadata("getIndexInfo", null, "PUBLIC", "O'Brien's", true,
        false);
    assertEquals("CALL ROWSPACE_SERVER.METADATA('getIndexInfo', NULL, 'PUBLIC', 'O''Brien''s', "
        + "TRUE, FALSE)", call.toSql());
    assertEquals(Optional.of(call), ServerCall.parse(call.toSql()));
  }

  @Test
  void aCancelCallNamesTheStatement() {
    assertEquals("CALL ROWSPACE_SERVER.CANCEL(42)", ServerCall.cancel(42).toSql());
    assertEquals(List.of(42L), ServerCall.parse(" call rowspace_server.cancel( 42 ) ;")
        .orElseThrow().arguments());
  }

  @Test
  void ordinaryStatementsAreNotServerCalls() {
    assertTrue(ServerCall.parse("SELECT 1").isEmpty());
    assertTrue(ServerCall.parse("CALL ROWSPACE.CANCEL(1)").isEmpty());
    assertTrue(ServerCall.parse(null).isEmpty());
  }

  @Test
  void unreadableArgumentsAreRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServerCall.parse("CALL ROWSPACE_SERVER.METADATA('getPrimaryKeys', PUBLIC)"));
    assertTrue(e.getMessage().contains("PUBLIC"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ServerCall.parse("CALL ROWSPACE_SERVER.METADATA('unterminated)"));
  }

  @Test
  void propertiesFollowTheAddressInTheUrl() throws SQLException {
    RemoteUrl url = RemoteUrl.parse("jdbc:rowspace:remote:http://db.example:8765;"
        + "serialization=json; http_response_timeout=60000");
    assertEquals("http://db.example:8765", url.address());
    assertEquals("json", url.properties().getProperty("serialization"));
    assertEquals("60000", url.properties().getProperty("http_response_timeout"));
    SQLException noServer = assertThrows(SQLException.class,
        () -> RemoteUrl.parse("jdbc:rowspace:remote:db.example:8765"));
    assertEquals("08001", noServer.getSQLState());
  }

  @Test
  void credentialsBecomeTheServersAndTheReadTimeoutIsOff() throws SQLException {
    java.util.Properties info = new java.util.Properties();
    info.setProperty("user", "analyst");
    info.setProperty("password", "s3cret");
    java.util.Properties avatica = RemoteDriver.avaticaProperties(
        RemoteUrl.parse("jdbc:rowspace:remote:http://localhost:8765"), info);
    assertEquals("analyst", avatica.getProperty("avatica_user"));
    assertEquals("s3cret", avatica.getProperty("avatica_password"));
    assertEquals("BASIC", avatica.getProperty("authentication"));
    assertEquals(null, avatica.getProperty("user"), "the database never sees them");
    assertEquals("PROTOBUF", avatica.getProperty("serialization"));
    assertEquals("0", avatica.getProperty("http_response_timeout"));
  }
}
