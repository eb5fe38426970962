package io.rowspace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./rowspace serve --tls-keystore}: clients reach the server over HTTPS, trusting its
 * certificate, and a client speaking plain HTTP to it is told to use HTTPS.
 */
class ServerTlsTest {

  /** A keystore with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
  private static Path keystore(Path directory, String password) throws Exception {
    Path keystore = directory.resolve("server.p12");
    Process keytool = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "rowspace", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password,
        "-keypass", password)).redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
    assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8));
    return keystore;
  }

  @Test
  void clientsTrustingTheCertificateConnectOverHttps(@TempDir Path directory) throws Exception {
    String password = "keystore-pass";
    Path keystore = keystore(directory, password);
    Path users = directory.resolve("users.txt");
    UsersFile.empty().with("analyst", Role.READ, "analyst-pass".toCharArray()).write(users);
    try (RowspaceServer server = RowspaceServer.start(
        ServerOptions.serving("jdbc:rowspace:h2:mem:tls_served;DB_CLOSE_DELAY=-1").withPort(0)
            .withUsers(users).withTls(keystore, password))) {
      assertTrue(server.clientUrl().startsWith("jdbc:rowspace:remote:https://127.0.0.1:"),
          server.clientUrl());
      Properties info = new Properties();
      info.setProperty("user", "analyst");
      info.setProperty("password", "analyst-pass");
      info.setProperty("truststore", keystore.toString());
      info.setProperty("truststore_password", password);
      try (Connection client = DriverManager.getConnection(server.clientUrl(), info);
           Statement statement = client.createStatement();
           ResultSet rs = statement.executeQuery("SELECT 6 * 7")) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
      Properties plain = new Properties();
      plain.setProperty("user", "analyst");
      plain.setProperty("password", "analyst-pass");
      SQLException http = assertThrows(SQLException.class, () -> DriverManager.getConnection(
          server.clientUrl().replace("https://", "http://"), plain).close());
      assertEquals("08001", http.getSQLState(), http.getMessage());
      assertTrue(http.getMessage().contains("HTTPS only"), http.getMessage());
    }
  }

  @Test
  void aWrongKeystorePasswordIsReportedAtStart(@TempDir Path directory) throws Exception {
    Path keystore = keystore(directory, "keystore-pass");
    SQLException e = assertThrows(SQLException.class, () -> RowspaceServer.start(
        ServerOptions.serving("jdbc:rowspace:h2:mem:tls_wrong;DB_CLOSE_DELAY=-1").withPort(0)
            .withTls(keystore, "not-the-password")).close());
    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("TLS keystore"), e.getMessage());
  }
}
