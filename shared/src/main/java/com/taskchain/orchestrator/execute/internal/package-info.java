/**
 * Implementation details of {@link com.taskchain.orchestrator.execute.Executor}: the circuit
 * breakers shared by all runs, one run's budget, the critical path. Not API: may change without
 * notice.
 */
package com.taskchain.orchestrator.execute.internal;
