package com.taskchain.orchestrator.pipeline;

/**
 * What the queue says about one delivery of a stage (from the {@code X-CloudTasks-*} headers).
 *
 * @param retryCount {@code X-CloudTasks-TaskRetryCount}: 0 on the first attempt
 * @param lastAttempt whether the queue will not retry after this attempt
 */
public record Delivery(int retryCount, boolean lastAttempt) {
  public Delivery {
    if (retryCount < 0) {
      throw new IllegalArgumentException("retryCount: must be >= 0");
    }
  }
}
