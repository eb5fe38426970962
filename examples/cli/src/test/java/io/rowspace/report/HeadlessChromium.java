package io.rowspace.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} run headless on a local page, without network, sandbox or GPU: the
 * DOM after the page's scripts ran, the browser's log (console errors included), a screenshot.
 */
final class HeadlessChromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser",
      "google-chrome", "google-chrome-stable");

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /** The browser on {@code PATH}, or {@code null} when there is none. */
  static HeadlessChromium find() {
    String path = System.getenv("PATH");
    for (String name : NAMES) {
      for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return new HeadlessChromium(candidate);
        }
      }
    }
    return null;
  }

  /** What one run showed. */
  record Run(String stdout, String log, int exitCode) {
  }

  /** Loads {@code page} and prints its DOM after scripts ran; the log holds console messages. */
  Run dumpDom(Path page, Path profile) throws IOException, InterruptedException {
    return run(profile, "--dump-dom", "--enable-logging=stderr", "--v=0",
        "--virtual-time-budget=5000", page.toUri().toString());
  }

  /** Saves a screenshot of {@code page} at {@code png}. */
  Run screenshot(Path page, Path png, Path profile) throws IOException, InterruptedException {
    return run(profile, "--screenshot=" + png, "--window-size=1280,3000",
        "--virtual-time-budget=5000", page.toUri().toString());
  }

  private Run run(Path profile, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("chromium did not finish within 120 s: " + command);
    }
    return new Run(Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), process.exitValue());
  }
}
