package com.taskchain.orchestrator.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root (the folder with {@code migrations/} and the parent pom) from the
 * working dir.
 */
final class RepoRoot {
  private RepoRoot() {}

  static Path find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      try {
        if (Files.isDirectory(dir.resolve("migrations"))
            && Files.isRegularFile(pom)
            && Files.readString(pom).contains("<artifactId>taskchain-parent</artifactId>")) {
          return dir;
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        "repository root not found above " + Path.of("").toAbsolutePath());
  }
}
