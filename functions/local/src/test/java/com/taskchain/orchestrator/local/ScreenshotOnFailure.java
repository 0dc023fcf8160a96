package com.taskchain.orchestrator.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Saves what the browser showed when a test failed: a PNG and the page's HTML under {@code
 * target/console-failures/}, named after the test.
 */
final class ScreenshotOnFailure implements TestWatcher {
  static final Path FOLDER = Path.of("target", "console-failures");

  private final Supplier<WebDriver> driver;

  ScreenshotOnFailure(Supplier<WebDriver> driver) {
    this.driver = driver;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    WebDriver browser = driver.get();
    if (!(browser instanceof ChromeDriver chrome)) {
      return;
    }
    String name = context.getRequiredTestMethod().getName();
    try {
      Files.createDirectories(FOLDER);
      Path png = FOLDER.resolve(name + ".png");
      Files.write(png, chrome.getScreenshotAs(OutputType.BYTES));
      Files.writeString(
          FOLDER.resolve(name + ".html"), chrome.getPageSource(), StandardCharsets.UTF_8);
      System.err.println("screenshot of the failed test: " + png.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      System.err.println("no screenshot of " + name + ": " + e);
    }
  }
}
