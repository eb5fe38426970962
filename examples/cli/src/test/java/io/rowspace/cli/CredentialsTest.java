package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code ./rowspace sql --user NAME}: where the password comes from. */
class CredentialsTest {

  @Test
  void thePasswordComesFromRowspacePassword() {
    Properties properties = Credentials.of("analyst",
        Map.of("ROWSPACE_PASSWORD", "s3cret")::get, null);
    assertEquals("analyst", properties.getProperty("user"));
    assertEquals("s3cret", properties.getProperty("password"));
  }

  @Test
  void withoutAUserNothingIsSent() {
    assertTrue(Credentials.of(null, Map.of("ROWSPACE_PASSWORD", "s3cret")::get, null).isEmpty());
  }

  @Test
  void withoutThePasswordVariableOrAConsoleTheErrorNamesTheVariable() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Credentials.of("analyst", name -> null, null));
    assertTrue(e.getMessage().contains("ROWSPACE_PASSWORD"), e.getMessage());
    assertTrue(e.getMessage().contains("analyst"), e.getMessage());
  }

  @Test
  void sqlTakesUserBesideTheOtherOptions() {
    SqlCommand command = SqlCommand.parse(List.of("jdbc:rowspace:remote:http://localhost:8765",
        "--user", "analyst", "-e", "SELECT 1"));
    assertEquals("analyst", command.user());
    assertEquals("jdbc:rowspace:remote:http://localhost:8765", command.url());
    assertEquals(1, command.sources().size());
    assertEquals(null, SqlCommand.parse(List.of("-e", "SELECT 1")).user());
  }
}
