package com.taskchain.orchestrator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackUrlsTest {

  @Test
  void loopbackHosts_areAccepted() {
    for (String host :
        new String[] {
          "localhost", "LOCALHOST", "127.0.0.1", "127.255.0.9", "[::1]", "[0:0:0:0:0:0:0:1]"
        }) {
      assertThat(LoopbackUrls.isLoopback(host)).as(host).isTrue();
    }
  }

  @Test
  void otherHosts_areRefusedWithoutALookup() {
    for (String host :
        new String[] {
          "10.0.0.1",
          "0.0.0.0",
          "128.0.0.1",
          "127.0.0.256",
          "example.com",
          "127.0.0.1.nip.io",
          "localhost.example.com",
          "[::2]",
          "[fe80::1]",
          "[nothex]"
        }) {
      assertThat(LoopbackUrls.isLoopback(host)).as(host).isFalse();
    }
  }
}
