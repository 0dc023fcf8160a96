package com.taskchain.orchestrator.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the repository that tests read as given data (the corpus, the evaluation queries, the
 * scenarios), found by walking up from the working directory (a module directory under Maven).
 */
public final class RepoFiles {
  private RepoFiles() {}

  /**
   * The repository file at a path relative to the root.
   *
   * @throws IllegalStateException when no directory above the working directory has it
   */
  public static Path path(String relative) {
    Path start = Path.of("").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no " + relative + " above " + start);
  }
}
