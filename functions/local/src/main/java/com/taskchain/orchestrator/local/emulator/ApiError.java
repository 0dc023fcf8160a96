package com.taskchain.orchestrator.local.emulator;

/**
 * A refusal of an API call, answered as a Google JSON error body {@code {"error": {"code",
 * "message", "status"}}} with the code's HTTP status.
 */
final class ApiError extends Exception {
  private static final long serialVersionUID = 1L;

  private final RpcCode code;

  ApiError(RpcCode code, String message) {
    super(message);
    this.code = code;
  }

  RpcCode code() {
    return code;
  }

  static ApiError invalid(String message) {
    return new ApiError(RpcCode.INVALID_ARGUMENT, message);
  }

  static ApiError notFound(String message) {
    return new ApiError(RpcCode.NOT_FOUND, message);
  }
}
