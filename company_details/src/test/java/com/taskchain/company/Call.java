package com.taskchain.company;

import com.google.cloud.functions.HttpFunction;

/** Calls a function with a fake request and returns the fake response. */
final class Call {
  private Call() {}

  static FakeResponse get(HttpFunction function, String query) throws Exception {
    FakeResponse response = new FakeResponse();
    function.service(FakeRequest.get(query), response);
    return response;
  }
}
