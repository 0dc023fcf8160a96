package com.taskchain.orchestrator.local.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server standing in for the stage functions: records every delivery and answers
 * with what the test's {@link Responder} says. Handlers run on their own threads, so a handler that
 * hangs does not block the next delivery.
 */
final class TargetServer implements AutoCloseable {

  /** One request as the target saw it. Header names are case-insensitive. */
  record Delivery(
      int number,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      Instant at) {
    String header(String name) {
      return headers.get(name);
    }
  }

  /** Decides the status for a delivery; may block (until {@link #close()}). */
  interface Responder {
    int status(Delivery delivery, CountDownLatch closing) throws InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Responder responder = (delivery, closing) -> 200;

  TargetServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  void respondWith(Responder value) {
    responder = value;
  }

  /** An absolute URL on this server, e.g. {@code url("/plan")}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  int maxConcurrent() {
    return maxConcurrent.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = concurrent.incrementAndGet();
    maxConcurrent.accumulateAndGet(now, Math::max);
    try {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      Delivery delivery =
          new Delivery(
              count.incrementAndGet(),
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              headers,
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
              Instant.now());
      synchronized (deliveries) {
        deliveries.add(delivery);
      }
      int status;
      try {
        status = responder.status(delivery, closing);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 500;
      }
      exchange.sendResponseHeaders(status, -1);
    } finally {
      concurrent.decrementAndGet();
      exchange.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
