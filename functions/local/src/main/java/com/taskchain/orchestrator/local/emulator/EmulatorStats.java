package com.taskchain.orchestrator.local.emulator;

/**
 * Counts since the emulator started, for tests and the local runner's status output.
 *
 * @param created tasks accepted by createTask
 * @param dispatched attempts started
 * @param succeeded attempts answered with 2xx
 * @param failed attempts that failed: a non-2xx answer, no connection or a missed deadline
 * @param exhausted tasks deleted because their last attempt failed
 * @param pending tasks waiting for an attempt or in flight now
 */
public record EmulatorStats(
    long created, long dispatched, long succeeded, long failed, long exhausted, int pending) {}
