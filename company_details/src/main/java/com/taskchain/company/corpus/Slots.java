package com.taskchain.company.corpus;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of one document. Values are drawn once per document, so a placeholder used
 * twice in a document says the same thing both times. Not thread-safe (it draws from the
 * generator's {@link Random}).
 */
final class Slots {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  static final Map<String, List<String>> TEAM_MEMBERS =
      Map.ofEntries(
          Map.entry(
              "atlas-checkout",
              List.of(
                  "Mei Tanaka",
                  "Jorge Almeida",
                  "Hannah Kowalczyk",
                  "Samir Haddou",
                  "Olivia Grant")),
          Map.entry(
              "checkout-classic",
              List.of(
                  "Mei Tanaka",
                  "Jorge Almeida",
                  "Hannah Kowalczyk",
                  "Samir Haddou",
                  "Olivia Grant")),
          Map.entry(
              "payments-gateway",
              List.of("Ben Whitaker", "Lucia Ferraro", "Arjun Nair", "Eli Rosen")),
          Map.entry(
              "ledger-core",
              List.of("Yusuf Demir", "Clara Jensen", "Paul Mbeki", "Rina Kobayashi")),
          Map.entry(
              "settlement-engine",
              List.of("Yusuf Demir", "Clara Jensen", "Paul Mbeki", "Rina Kobayashi")),
          Map.entry("identity-hub", List.of("Sofia Lindqvist", "Kwame Asante", "Dana Levi")),
          Map.entry("fraud-sentinel", List.of("Tobias Engel", "Noor Rahman", "Felix Moreau")),
          Map.entry(
              "webhook-dispatcher",
              List.of("Diego Paredes", "Anya Volkova", "Liam O'Connor", "Zara Sheikh")),
          Map.entry(
              "inventory-sync",
              List.of("Diego Paredes", "Anya Volkova", "Liam O'Connor", "Zara Sheikh")),
          Map.entry(
              "catalog-service",
              List.of("Diego Paredes", "Anya Volkova", "Liam O'Connor", "Zara Sheikh")),
          Map.entry("beacon-analytics", List.of("Emma Schulz", "Hiro Yamada")));

  static final Map<String, String> SERVICE_NAMES =
      Map.ofEntries(
          Map.entry("atlas-checkout", "Atlas Checkout"),
          Map.entry("checkout-classic", "Checkout Classic"),
          Map.entry("payments-gateway", "Payments Gateway"),
          Map.entry("ledger-core", "Ledger Core"),
          Map.entry("settlement-engine", "Settlement Engine"),
          Map.entry("identity-hub", "Identity Hub"),
          Map.entry("fraud-sentinel", "Fraud Sentinel"),
          Map.entry("webhook-dispatcher", "Webhook Dispatcher"),
          Map.entry("inventory-sync", "Inventory Sync"),
          Map.entry("catalog-service", "Catalog Service"),
          Map.entry("beacon-analytics", "Beacon Analytics"));

  private static final List<String> MERCHANTS =
      List.of(
          "Fernhill Outfitters",
          "Kobalt Audio",
          "Marisol Home",
          "Tern & Tide",
          "Brightloom Yarns",
          "Oakridge Pet Supply",
          "Vela Cosmetics",
          "Northpine Gear",
          "Lumo Lighting",
          "Saffron Lane Foods",
          "Quarry Stone Tiles",
          "Pebble & Pine Toys",
          "Harbor Bikes",
          "Cinder Coffee Roasters",
          "Atelier Nour",
          "Greyfield Books",
          "Solace Sleepwear",
          "Kestrel Optics",
          "Mondo Ceramics",
          "Wrenwood Garden");
  private static final List<String> ACQUIRERS = List.of("northbank", "halden", "sunda");
  private static final Map<String, String> ACQUIRER_NAMES =
      Map.of(
          "northbank", "Northbank Acquiring",
          "halden", "Halden Card Services",
          "sunda", "Sunda Merchant Bank");
  private static final Map<String, String> ACQUIRER_REGIONS =
      Map.of("northbank", "eu-central", "halden", "na-east", "sunda", "apac-se");

  private final Random random;
  private final Map<String, String> values = new HashMap<>();

  Slots(Random random, String service, LocalDate date) {
    this.random = random;
    String acquirer = pick(ACQUIRERS);
    List<String> team = TEAM_MEMBERS.get(service);
    values.put("service_name", SERVICE_NAMES.get(service));
    values.put("person", pick(team));
    values.put("acquirer_id", acquirer);
    values.put("acquirer", ACQUIRER_NAMES.get(acquirer));
    values.put(
        "region",
        service.equals("payments-gateway")
            ? ACQUIRER_REGIONS.get(acquirer)
            : pick(List.of("na-east", "eu-central", "apac-se")));
    String merchant = pick(MERCHANTS);
    values.put("merchant", merchant);
    values.put("endpoint", "https://hooks." + slug(merchant) + ".example/orders");
    values.put("pct", String.format(Locale.ROOT, "%.1f", 1.2 + random.nextDouble() * 12));
    values.put("pct_small", String.format(Locale.ROOT, "%.1f", 0.5 + random.nextDouble() * 3));
    values.put("success", String.format(Locale.ROOT, "%.1f", 80 + random.nextDouble() * 14));
    values.put("ms", Integer.toString(600 + 50 * random.nextInt(70)));
    // Counts span four orders of magnitude: a handful of orders up to tens of thousands of events.
    int[] scales = {20, 200, 2000, 20000};
    values.put(
        "n", Integer.toString(3 + random.nextInt(1 + scales[random.nextInt(scales.length)])));
    values.put("limit", pick(List.of("800", "1000", "1200", "1500")));
    values.put("minutes", Integer.toString(5 + random.nextInt(115)));
    values.put("lag", Integer.toString(300 + 30 * random.nextInt(60)));
    values.put("amount", String.format(Locale.ROOT, "%,.2f", 50 + random.nextDouble() * 40_000));
    values.put("currency", pick(List.of("EUR", "GBP", "CAD", "SGD", "AUD", "JPY", "CHF")));
    values.put("bin", Integer.toString(4000 + random.nextInt(1600)));
    values.put("asn", Integer.toString(10_000 + random.nextInt(60_000)));
    values.put("ratio", Integer.toString(40 + random.nextInt(45)));
    values.put(
        "bank",
        pick(
            List.of(
                "Halden Card Services",
                "Northbank Acquiring",
                "Sunda Merchant Bank",
                "Halden US")));
    values.put(
        "late_time",
        String.format(Locale.ROOT, "%02d:%02d", 6 + random.nextInt(4), 5 * random.nextInt(12)));
    values.put("date_short", date.toString());
    values.put(
        "month",
        date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + date.getYear());
    values.put(
        "release",
        String.format(
            Locale.ROOT,
            "%d.%02d.%02d-%d",
            date.getYear(),
            date.getMonthValue(),
            date.getDayOfMonth(),
            1 + random.nextInt(3)));
    // Model versions grow by about one a month: v17 in January 2024, v41 in April 2026.
    int model = 17 + (int) ((date.toEpochDay() - LocalDate.of(2024, 1, 1).toEpochDay()) / 32);
    values.put("model", "v" + model);
    values.put(
        "parity",
        pick(
            List.of(
                "discount rounding",
                "shipping method order",
                "gift card balance display",
                "tax-inclusive prices",
                "saved address formatting",
                "coupon error messages",
                "currency symbol placement")));
    values.put(
        "legacy",
        pick(
            List.of(
                "the old PayPal button",
                "guest checkout v1",
                "the 2018 coupon engine",
                "the XML order export",
                "legacy fraud rules")));
    values.put(
        "account",
        pick(
            List.of(
                "marketplace commissions",
                "gift card liabilities",
                "chargeback reserves",
                "FX gains and losses",
                "merchant rolling reserves")));
    values.put(
        "passkey",
        pick(List.of("registration flow", "recovery codes", "device list", "admin enforcement")));
    values.put(
        "feature",
        pick(
            List.of(
                "device age",
                "shipping-billing distance",
                "card velocity per merchant",
                "email domain age",
                "basket entropy")));
    values.put(
        "library",
        pick(
            List.of(
                "the HTTP client",
                "the JSON library",
                "the MySQL driver",
                "the PostgreSQL driver",
                "the logging framework",
                "the TLS library",
                "the metrics client")));
    values.put(
        "metric_name",
        pick(
            List.of(
                "queue depth",
                "p95 latency",
                "error rate",
                "disk usage",
                "replication lag",
                "pod restarts",
                "certificate expiry")));
    values.put(
        "flag",
        pick(
            List.of(
                "new_tax_engine",
                "cart_v2",
                "fast_confirm",
                "address_autocomplete",
                "apple_pay_v2")));
    values.put("code", pick(List.of("05", "51", "54", "61", "65", "91", "N7")));
    values.put(
        "event",
        pick(List.of("refund.failed", "payout.paid", "dispute.opened", "order.partially_shipped")));
    values.put("platform", pick(List.of("ShopNest", "CartPilot", "Storemill", "Vendora")));
    values.put("format", pick(List.of("CSV v2", "Google Merchant feed", "JSON lines")));
    values.put(
        "report",
        pick(
            List.of(
                "merchant cohort",
                "chargeback ratio",
                "payout reconciliation",
                "conversion funnel",
                "refund aging")));
    values.put(
        "season", pick(List.of("Black Friday", "Cyber Week", "the spring sale", "year end")));
    values.put(
        "db",
        pick(
            List.of(
                "ledger-db",
                "pay-db",
                "checkout-db",
                "settlement-db",
                "classic-db",
                "inventory-db")));
  }

  private String pick(List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  String get(String name) {
    return values.get(name);
  }

  /** Replaces every placeholder; an unknown placeholder is a bug in the families, so it throws. */
  String fill(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("unknown placeholder {" + m.group(1) + "} in: " + template);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
