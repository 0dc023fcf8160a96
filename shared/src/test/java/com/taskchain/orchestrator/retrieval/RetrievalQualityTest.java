package com.taskchain.orchestrator.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.testing.RepoFiles;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quality bar on {@code data/eval/queries.jsonl}: recall@3 at least 0.9 and MRR at
 * least 0.8. (Latency and the cold open are figures printed by {@code make eval-retrieval}, not
 * asserted: timing assertions flake on a busy machine.)
 */
class RetrievalQualityTest {
  @Test
  void evaluationQueries_meetTheRecallAndMrrTargets() throws IOException {
    List<RetrievalEval.Query> queries =
        RetrievalEval.read(RepoFiles.path("data/eval/queries.jsonl"));

    RetrievalEval.Quality quality = RetrievalEval.quality(RetrievalIndex.shared(), queries);

    assertThat(queries).hasSizeGreaterThanOrEqualTo(50);
    assertThat(quality.recallAt3())
        .as("recall@3, misses: %s", quality.misses())
        .isGreaterThanOrEqualTo(0.9);
    assertThat(quality.mrr()).as("MRR").isGreaterThanOrEqualTo(0.8);
    assertThat(quality.recallAt5()).isGreaterThanOrEqualTo(quality.recallAt3());
  }
}
