package com.taskchain.orchestrator.local.emulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The emulator delivers only to this machine: a task must not turn it into a request relay. */
final class LoopbackUrls {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*]");

  private LoopbackUrls() {}

  /**
   * Parses a target URL and checks that it is http(s) on {@code localhost}, {@code 127.0.0.0/8} or
   * {@code [::1]}. Never resolves a name through DNS.
   */
  static URI parse(String raw) throws ApiError {
    URI url;
    try {
      url = new URI(raw);
    } catch (URISyntaxException e) {
      throw ApiError.invalid("httpRequest.url is not a URL: " + raw);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw ApiError.invalid("httpRequest.url must be an absolute http(s) URL: " + raw);
    }
    if (!isLoopback(url.getHost())) {
      throw ApiError.invalid(
          "the emulator only delivers to loopback addresses (localhost, 127.0.0.0/8, [::1]): "
              + raw);
    }
    return url;
  }

  static boolean isLoopback(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost")) {
      return true;
    }
    if (IPV4.matcher(lower).matches()) {
      String[] octets = lower.split("\\.", -1);
      for (String octet : octets) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return octets[0].equals("127");
    }
    if (IPV6_LITERAL.matcher(lower).matches()) {
      try {
        // A string with a colon is parsed as an IPv6 literal, never looked up in DNS.
        return InetAddress.getByName(lower.substring(1, lower.length() - 1)).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
