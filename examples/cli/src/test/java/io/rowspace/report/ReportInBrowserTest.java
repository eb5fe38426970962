package io.rowspace.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a real space with a predictor, as a person opens it: the mutual information it
 * shows is DESCRIBE EMBEDDING SPACE's, the 3-D view is coloured by the predictor's target, and in
 * headless Chromium the page runs without script errors and its plots hold data.
 */
@Tag("slow")
class ReportInBrowserTest {
  private static final String URL = "jdbc:rowspace:h2:mem:report_browser;DB_CLOSE_DELAY=-1";
  private static final Pattern BITS =
      Pattern.compile("<g class=\"mi\" data-column=\"([^\"]+)\" data-bits=\"([^\"]+)\">");
  private static final int ROWS = 240;

  private static Connection connection;
  private static SpaceFacts facts;
  private static String html;

  @TempDir
  static Path dir;

  @BeforeAll
  static void trainASpaceAndAPredictor() throws SQLException {
    connection = DriverManager.getConnection(URL);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE pets (id INT PRIMARY KEY, weight DOUBLE PRECISION, "
          + "age INT, kind VARCHAR(5), tag VARCHAR(36))");
      s.execute("INSERT INTO pets SELECT x, MOD(x * 7, 40) + 0.5 + CASEWHEN(MOD(x, 3) = 0, 0, 20), "
          + "MOD(x * 13, 17), CASEWHEN(MOD(x, 3) = 0, 'cat', 'dog'), RANDOM_UUID() "
          + "FROM SYSTEM_RANGE(1, " + ROWS + ")");
      s.execute("CREATE EMBEDDING SPACE pet_space ON pets WITH (epochs = 3)");
      s.execute("CREATE PREDICTOR pet_kind ON EMBEDDING SPACE pet_space TARGET kind "
          + "WITH (epochs = 1)");
    }
    facts = SpaceFacts.read(connection, "pet_space");
    html = HtmlReport.render(facts);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void mutualInformationInThePageIsDescribes() throws SQLException {
    Map<String, Double> described = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("DESCRIBE EMBEDDING SPACE pet_space")) {
      while (rs.next()) {
        double bits = rs.getDouble("MUTUAL_INFORMATION_BITS");
        if (!rs.wasNull()) {
          described.put(rs.getString("COLUMN_NAME"), bits);
        }
      }
    }
    Map<String, Double> shown = new LinkedHashMap<>();
    Matcher m = BITS.matcher(html);
    while (m.find()) {
      shown.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    assertTrue(described.containsKey("WEIGHT") && described.containsKey("KIND"), described.toString());
    assertEquals(described, shown);
    for (SpaceFacts.Column c : facts.columns()) {
      assertEquals("USED".equals(c.status()), c.bits() != null, c.name() + " " + c.status());
    }
  }

  @Test
  void theViewIsColouredByTheFirstPredictorsTargetOrAChosenColumn() throws SQLException {
    assertEquals("KIND", facts.colorBy());
    assertEquals(ROWS, facts.points().size());
    long cats = facts.points().stream().filter(p -> "cat".equals(p.color())).count();
    assertEquals(ROWS / 3, cats);
    assertTrue(html.contains("class=\"swatch\"") && html.contains(">cat</div>")
        && html.contains(">dog</div>"), "a legend entry per kind");

    SpaceFacts byWeight = SpaceFacts.read(connection, "pet_space", "weight");
    assertEquals("WEIGHT", byWeight.colorBy());
    assertTrue(HtmlReport.render(byWeight).contains("class=\"ramp\""), "a colour scale for numbers");
    SQLException e = assertThrows(SQLException.class,
        () -> SpaceFacts.read(connection, "pet_space", "colour"));
    assertEquals("42S22", e.getSQLState());
    assertTrue(e.getMessage().contains("Its columns are: ID, WEIGHT, AGE, KIND, TAG"), e.getMessage());
  }

  @Test
  void chartsHaveTickedAxesAndALegendBelowTheTitle() {
    assertTrue(html.contains(">epoch</text>"), "x axis title");
    assertTrue(html.contains("rotate(-90)\" text-anchor=\"middle\" class=\"axis\">loss</text>"));
    assertTrue(Pattern.compile("class=\"grid\"/><text [^>]*text-anchor=\"end\">").matcher(html).find(),
        "y ticks with labels");
    assertTrue(html.contains(TimelineNotes.CURRICULUM.substring(0, 40)), "why train loss can rise");
    assertFalse(html.contains("http://") || html.contains("https://"), "nothing is fetched");
  }

  @Test
  void headlessChromiumRendersThePageWithoutScriptErrors() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.find();
    Assumptions.assumeTrue(chromium != null,
        "no chromium on PATH: install Debian's chromium (.ci/run does) to run the browser test");
    // Kept under target/ so that a person (or CI's artifacts) can look at what was checked.
    Path shown = Files.createDirectories(Path.of("target", "report-browser"));
    Path page = Files.writeString(shown.resolve("pet_space.html"), html, StandardCharsets.UTF_8);
    HeadlessChromium.Run dom = chromium.dumpDom(page, Files.createDirectories(dir.resolve("profile1")));
    assertEquals(0, dom.exitCode(), dom.log());
    assertFalse(dom.log().contains("Uncaught"), dom.log());
    assertFalse(dom.stdout().contains("data-script-error=\""), dom.stdout());
    assertTrue(dom.stdout().contains("data-report-ready=\"true\""), "the page's script ran to its end");
    Matcher drawn = Pattern.compile("data-points-drawn=\"(\\d+)\"").matcher(dom.stdout());
    assertTrue(drawn.find());
    assertEquals(ROWS, Integer.parseInt(drawn.group(1)), "every row is drawn");
    assertTrue(dom.stdout().split("<polyline").length - 1 >= 4, "loss, learning rate, gradient lines");

    Path png = shown.resolve("pet_space.png").toAbsolutePath();
    HeadlessChromium.Run shot = chromium.screenshot(page, png,
        Files.createDirectories(dir.resolve("profile2")));
    assertEquals(0, shot.exitCode(), shot.log());
    assertNotNull(png.toFile().exists() ? png : null, "a screenshot was written");
    assertTrue(Files.size(png) > 20_000, "the screenshot shows a drawn page: " + Files.size(png));
  }
}
