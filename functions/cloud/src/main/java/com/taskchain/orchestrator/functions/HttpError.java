package com.taskchain.orchestrator.functions;

/** A request that cannot be served, with the status and JSON error to answer. */
final class HttpError extends Exception {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final String field;

  HttpError(int status, String code, String message, String field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  HttpError(int status, String code, String message) {
    this(status, code, message, null);
  }
}
