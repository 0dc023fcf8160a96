package com.taskchain.orchestrator.pipeline;

import com.taskchain.orchestrator.queue.EnqueueException;
import com.taskchain.orchestrator.queue.StageMessage;
import com.taskchain.orchestrator.queue.StageQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory queue with Cloud Tasks' name de-duplication, for driving the stage chain step by
 * step in tests. It can be told to fail the next enqueues, as a queue that is down would.
 */
final class RecordingQueue implements StageQueue {
  private final Set<String> names = new HashSet<>();
  private final Deque<StageMessage> pending = new ArrayDeque<>();
  private final List<StageMessage> created = new ArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();

  @Override
  public synchronized EnqueueResult enqueue(StageMessage message) throws EnqueueException {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new EnqueueException("queue unavailable (test)", null);
    }
    if (!names.add(message.taskName())) {
      return EnqueueResult.ALREADY_EXISTS;
    }
    created.add(message);
    pending.add(message);
    return EnqueueResult.CREATED;
  }

  /** Fails the next {@code count} enqueues. */
  void failNext(int count) {
    failures.set(count);
  }

  synchronized Optional<StageMessage> poll() {
    return Optional.ofNullable(pending.poll());
  }

  synchronized List<StageMessage> created() {
    return List.copyOf(created);
  }
}
