package com.taskchain.company.corpus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The recurring problems and routine work of Quillmark Commerce, 2024–2026, that the corpus is
 * written from. Original fiction; placeholders are documented in {@link Slots}.
 */
final class Families {
  private static final LocalDate ALWAYS = LocalDate.of(2024, 1, 1);
  private static final LocalDate ATLAS = LocalDate.of(2025, 9, 1);
  private static final List<String> BUG = List.of("Bug");
  private static final List<String> BUG_PROBLEM = List.of("Bug", "Problem");
  private static final List<String> WORK = List.of("Task", "Story");

  private Families() {}

  private static List<String> l(String... items) {
    return List.of(items);
  }

  private static List<Integer> sev(int p1, int p2, int p3, int low) {
    return List.of(p1, p2, p3, low);
  }

  static List<Family> all() {
    List<Family> f = new ArrayList<>();
    // ---------------------------------------------------------------- Checkout (CHK)
    f.add(
        new Family(
            "classic-db-connections",
            "checkout-classic",
            "CHK",
            ALWAYS,
            6,
            6,
            sev(2, 5, 3, 0),
            BUG_PROBLEM,
            l(
                "Checkout Classic errors when classic-db runs out of connections",
                "classic-db max_connections reached during peak in {region}",
                "Checkout Classic 503s: too many connections on classic-db",
                "Intermittent checkout failures, MySQL connection limit hit"),
            l(
                "About {pct} % of checkouts in {region} failed with 'Too many connections' for {minutes} minutes.",
                "Shoppers saw the generic payment error page; classic-db reported {n} open connections against a limit of {limit}.",
                "Error rate on /checkout/submit rose to {pct} % while p95 climbed to {ms} ms."),
            l(
                "A marketing campaign for merchant {merchant} doubled traffic and every PHP worker held its own connection.",
                "Long-running cart reads kept connections open while waiting on the tax service.",
                "A deploy restarted half of the workers at once and they all reconnected together."),
            l(
                "Raised the connection limit temporarily and moved cart reads to the read replica.",
                "Added a connection pool proxy in front of classic-db and capped workers per node.",
                "Staggered worker restarts in the deploy script; long-term answer is the Atlas migration.")));
    f.add(
        new Family(
            "classic-tax-rounding",
            "checkout-classic",
            "CHK",
            ALWAYS,
            4,
            0,
            sev(0, 1, 6, 3),
            BUG,
            l(
                "Tax line rounding differs by one cent on multi-currency carts",
                "Order total off by 0.01 for {currency} carts",
                "Rounding mismatch between cart and receipt"),
            l(
                "Merchant {merchant} reported {n} orders whose receipt total differed from the cart by one cent.",
                "Receipts in {currency} showed a total one cent higher than the payment amount.",
                "Finance flagged {n} refunds that failed because the refund amount exceeded the captured amount by 0.01."),
            l(
                "Tax was rounded per line in the cart and per order on the receipt.",
                "The currency conversion used banker's rounding in one path and half-up in the other.",
                "A library upgrade changed the default rounding mode."),
            l(
                "Rounded per line everywhere and added a property test over random carts.",
                "Unified rounding to half-up in one shared helper.",
                "Pinned the rounding mode explicitly and reprocessed the affected receipts.")));
    f.add(
        new Family(
            "classic-3ds",
            "checkout-classic",
            "CHK",
            ALWAYS,
            4,
            3,
            sev(0, 4, 4, 0),
            BUG_PROBLEM,
            l(
                "3-D Secure challenge fails for some EU issuers",
                "EU card payments stuck on the 3DS challenge page",
                "3DS redirect timeouts for issuer BIN {bin}xx"),
            l(
                "{pct} % of EU checkouts with cards from BIN {bin}xx failed at the challenge step.",
                "EU shoppers were returned to checkout with 'authentication failed' after {ms} ms.",
                "Support received {n} complaints about payments that never left the bank verification page."),
            l(
                "The issuer's ACS did not answer the challenge redirect within our timeout.",
                "The issuer moved to 3DS 2.2 and rejected our 2.1 message version.",
                "A browser change blocked the third-party iframe used for the challenge."),
            l(
                "Added the BIN range to the issuer routing list so those shoppers use the fallback flow.",
                "Raised the challenge timeout for that issuer and asked the acquirer to contact the issuer.",
                "Switched to a full-page redirect for the challenge.")));
    f.add(
        new Family(
            "atlas-pool",
            "atlas-checkout",
            "CHK",
            ATLAS,
            6,
            5,
            sev(1, 6, 3, 0),
            BUG_PROBLEM,
            l(
                "Atlas Checkout: checkout-db pool exhausted under load",
                "Atlas p95 spikes with 'pool exhausted' errors",
                "checkout-db connections saturated during traffic ramp",
                "Atlas 503 upstream=checkout-db during peak"),
            l(
                "p95 latency reached {ms} ms and error rate {pct} % while the pool showed {n}/{n} connections in use.",
                "Logs showed 'checkout-db pool exhausted' for {minutes} minutes in {region}.",
                "Confirm calls waited 3000 ms for a connection and then failed with 503."),
            l(
                "Session pooling kept a connection per open checkout session.",
                "A slow query on the sessions table held connections for seconds.",
                "The traffic share was raised before the pool size was adjusted."),
            l(
                "Reduced the Atlas traffic share and raised the pool with DBRE.",
                "Moved to PgBouncer transaction pooling.",
                "Added an index on sessions(merchant_id, created_at) and a pool usage alert at 90 %.")));
    f.add(
        new Family(
            "atlas-3ds",
            "atlas-checkout",
            "CHK",
            ATLAS,
            4,
            3,
            sev(0, 5, 3, 0),
            BUG_PROBLEM,
            l(
                "Atlas Checkout: 3DS challenge redirect failures in eu-central",
                "issuer_acs_timeout errors on Atlas for EU cards",
                "Atlas EU checkouts failing at authentication step"),
            l(
                "Error rate rose to {pct} % in eu-central with '3DS challenge redirect failed: issuer_acs_timeout'.",
                "Cards from BIN {bin}xx could not complete the challenge on Atlas while Classic worked.",
                "{n} EU shoppers abandoned at the challenge page within an hour."),
            l(
                "Atlas sends the challenge in an iframe the issuer's ACS page does not allow.",
                "The challenge callback URL was not on the issuer's allow list.",
                "A timeout of {ms} ms was too short for slow issuer pages."),
            l(
                "Routed the affected BINs to Classic through the classic_bins list.",
                "Reduced the eu-central traffic share until the fix ships.",
                "Switched the challenge to a full-page redirect and re-tested with the issuer.")));
    f.add(
        new Family(
            "atlas-parity",
            "atlas-checkout",
            "CHK",
            ATLAS,
            5,
            0,
            sev(0, 2, 6, 2),
            List.of("Bug", "Story"),
            l(
                "Atlas vs Classic mismatch: {parity}",
                "Shadow comparison shows different {parity} on Atlas",
                "Parity gap found in shadow traffic: {parity}"),
            l(
                "{n} of the mirrored checkouts returned a different {parity} than Classic.",
                "Merchant {merchant} noticed that Atlas shows {parity} differently from Classic.",
                "The nightly parity report flagged {parity} for {pct} % of sessions."),
            l(
                "Atlas applies the merchant's display settings after the currency conversion, Classic before it.",
                "Classic had an undocumented special case for this merchant segment.",
                "The Atlas API omits a field that Classic always returned."),
            l(
                "Matched the Classic behaviour and added the case to the parity suite.",
                "Documented the difference and told the affected merchants.",
                "Added the missing field to the Atlas API response.")));
    f.add(
        new Family(
            "checkout-generic",
            "checkout-classic",
            "CHK",
            ALWAYS,
            6,
            0,
            sev(0, 0, 5, 5),
            WORK,
            l(
                "Upgrade {library} in Checkout Classic",
                "Add a dashboard panel for {metric_name}",
                "Clean up feature flag {flag}",
                "Remove dead code path for {legacy}"),
            l(
                "Routine work requested by {person}.",
                "The current version is two majors behind and blocks a security patch.",
                "On-call asked for this during the last hand-over."),
            l(
                "Maintenance backlog.",
                "Requested in the quarterly reliability review.",
                "Follow-up from a code review."),
            l(
                "Done in release {release}.",
                "Merged and deployed in the normal window.",
                "Closed after verification on staging.")));
    // ---------------------------------------------------------------- Payments (PAY)
    f.add(
        new Family(
            "acquirer-timeout",
            "payments-gateway",
            "PAY",
            ALWAYS,
            6,
            7,
            sev(4, 4, 2, 0),
            BUG_PROBLEM,
            l(
                "Acquirer {acquirer} timeouts on authorize in {region}",
                "Authorization failures: {acquirer} not answering within 8000 ms",
                "Spike of acquirer timeouts ({acquirer})",
                "Payments failing at acquirer {acquirer}"),
            l(
                "Error rate reached {pct} % for {minutes} minutes; logs show 'acquirer {acquirer_id} timeout after 8000 ms'.",
                "Authorization success fell from 96.5 % to {success} % in {region}.",
                "Merchants reported declined payments with reason 'processor unavailable'."),
            l(
                "The acquirer had a partial outage in its authorization front-end.",
                "A network path to the acquirer degraded after a routing change on their side.",
                "The acquirer throttled us after a traffic surge."),
            l(
                "Failed over to the secondary acquirer with the routing flag.",
                "Opened the circuit for the acquirer and routed traffic to the secondary until recovery.",
                "Waited for the acquirer to recover; added automatic failover to the backlog.")));
    f.add(
        new Family(
            "token-vault",
            "payments-gateway",
            "PAY",
            ALWAYS,
            4,
            3,
            sev(1, 4, 4, 0),
            BUG,
            l(
                "Token vault lookups slow in {region}",
                "Tokenized card payments failing: vault certificate problem",
                "token_lookup latency regression"),
            l(
                "token_lookup took up to {ms} ms and gateway p95 rose accordingly.",
                "{pct} % of tokenized payments failed with 'vault unavailable'.",
                "Saved-card checkouts failed for merchant {merchant} while new cards worked."),
            l(
                "A client certificate for the vault expired.",
                "A release dropped the index hint on the token_lookup query.",
                "The vault replica in {region} fell behind after a failover."),
            l(
                "Renewed the certificate and added expiry alerts.",
                "Rolled back the release and restored the index hint.",
                "Pointed reads at the primary until the replica caught up.")));
    f.add(
        new Family(
            "payments-release",
            "payments-gateway",
            "PAY",
            ALWAYS,
            5,
            3,
            sev(0, 4, 5, 1),
            BUG,
            l(
                "Payments Gateway release {release} regression",
                "Latency up after gateway deploy {release}",
                "Refund API errors after release {release}"),
            l(
                "After the deploy p95 rose to {ms} ms and the error rate to {pct} %.",
                "Partial refunds failed with a validation error for {n} merchants.",
                "Canary at 25 % showed higher latency than the baseline."),
            l(
                "A new validation rule rejected refunds in minor currency units.",
                "An ORM upgrade generated a sequential scan on pay-db.",
                "A retry loop added in the release doubled calls to the acquirer."),
            l(
                "Rolled back the release within the watch window.",
                "Fixed forward with a hotfix the same day.",
                "Reverted the change and added a test for the case.")));
    f.add(
        new Family(
            "payments-generic",
            "payments-gateway",
            "PAY",
            ALWAYS,
            6,
            0,
            sev(0, 1, 5, 4),
            WORK,
            l(
                "Support {currency} settlement currency for merchants in {region}",
                "Add acquirer response code mapping for {code}",
                "Reconcile acquirer fee reports for {month}",
                "Upgrade {library} in the gateway"),
            l(
                "Requested by merchant success for merchant {merchant}.",
                "Acquirer {acquirer} added new response codes.",
                "Finance needs the report before month end."),
            l("Product request.", "Acquirer change notice.", "Routine maintenance."),
            l(
                "Shipped in release {release}.",
                "Done and verified with the acquirer's test cards.",
                "Completed; report shared with Finance.")));
    // ---------------------------------------------------------------- Ledger and settlement (LEDG)
    f.add(
        new Family(
            "ledger-mismatch",
            "ledger-core",
            "LEDG",
            ALWAYS,
            4,
            4,
            sev(5, 4, 1, 0),
            BUG_PROBLEM,
            l(
                "Ledger reconciliation mismatch: {n} postings",
                "Reconciliation job reports unmatched postings",
                "Duplicate postings found by reconciliation"),
            l(
                "The reconciliation run found {n} postings without a matching settlement record, USD {amount} in total.",
                "Reconciliation mismatch for {n} entries; payouts for the affected merchants paused.",
                "Two postings with the same external reference for {n} captures."),
            l(
                "A retried callback was posted twice because it had no idempotency key.",
                "Currency conversion rounding differed between posting and settlement.",
                "A manual correction was entered without a reversing entry."),
            l(
                "Posted reversing entries under two-person approval and re-ran reconciliation.",
                "Added an idempotency check and corrected the entries.",
                "Corrected the entries and moved rounding to posting time.")));
    f.add(
        new Family(
            "payout-batch",
            "settlement-engine",
            "LEDG",
            ALWAYS,
            5,
            5,
            sev(0, 6, 3, 0),
            BUG_PROBLEM,
            l(
                "Payout batch late for {date_short}",
                "Settlement batch at risk of missing the 06:00 UTC bank cut-off",
                "Payout file to {bank} delivered late",
                "Settlement batch stalled on lock waits"),
            l(
                "The batch stalled at {pct} % and its ETA moved past the 06:00 UTC cut-off.",
                "The payout file for {bank} left at {late_time} UTC, after the cut-off; {n} merchants paid a day late.",
                "Lock wait timeouts on settlement-db table payout_items for {minutes} minutes."),
            l(
                "A maintenance job on settlement-db blocked the batch.",
                "Month-end refund volume made the batch run long.",
                "A bank's SFTP endpoint refused connections."),
            l(
                "Cancelled the maintenance job and re-ran the batch step.",
                "Split the batch per bank and started earlier on month-end days.",
                "Delivered the file through the bank's backup channel.")));
    f.add(
        new Family(
            "ledger-generic",
            "ledger-core",
            "LEDG",
            ALWAYS,
            5,
            0,
            sev(0, 1, 5, 4),
            WORK,
            l(
                "Add ledger account type for {account}",
                "Month-end close report for {month}",
                "Archive postings older than seven years",
                "Upgrade {library} in Ledger Core"),
            l(
                "Finance asked for this before the close of {month}.",
                "Auditors requested the report format change.",
                "Storage on ledger-db grows {pct} % per month."),
            l("Finance request.", "Audit request.", "Capacity planning."),
            l(
                "Delivered and reviewed with the Finance Controller.",
                "Done; migration ran in the Tuesday window.",
                "Completed and documented.")));
    // ---------------------------------------------------------------- Identity (IAM)
    f.add(
        new Family(
            "login-failures",
            "identity-hub",
            "IAM",
            ALWAYS,
            4,
            4,
            sev(4, 3, 3, 0),
            BUG_PROBLEM,
            l(
                "Login failures in {region}",
                "Shoppers cannot sign in: TLS errors on ingress",
                "Identity Hub error rate spike after certificate change",
                "Sign-in errors for merchant dashboard users"),
            l(
                "Error rate reached {pct} % with 'TLS handshake failed' on the {region} ingress.",
                "{n} failed logins in {minutes} minutes; support queue grew quickly.",
                "Logins from the mobile app failed while web worked."),
            l(
                "The rotated certificate bundle lacked the intermediate certificate.",
                "A session signing key was rotated on one region only.",
                "The identity-db connection pool was exhausted by a token cleanup job."),
            l(
                "Restored the previous bundle and validated the chain.",
                "Rotated the key everywhere and invalidated mixed sessions.",
                "Moved the cleanup job off-peak and capped its connections.")));
    f.add(
        new Family(
            "credential-stuffing",
            "identity-hub",
            "IAM",
            ALWAYS,
            3,
            3,
            sev(6, 2, 1, 0),
            BUG_PROBLEM,
            l(
                "Credential stuffing wave against shopper accounts",
                "Failed logins from ASN {asn} far above normal",
                "Suspected account takeover attempts"),
            l(
                "{n} login attempts from a handful of networks in {minutes} minutes; error rate stayed normal.",
                "Failed logins per ASN alert fired for AS{asn}.",
                "{n} accounts showed password resets they did not request."),
            l(
                "Leaked credentials from another site were replayed against our login.",
                "A botnet rotated through residential proxies.",
                "The login guard was in lenient mode after a test."),
            l(
                "Declared a security incident, paged the CISO and enabled login_guard=strict.",
                "Blocked the networks and forced password resets for affected accounts.",
                "Tightened rate limits per ASN and added CAPTCHA after three failures.")));
    f.add(
        new Family(
            "identity-generic",
            "identity-hub",
            "IAM",
            ALWAYS,
            4,
            0,
            sev(0, 0, 5, 5),
            WORK,
            l(
                "SSO support for merchant {merchant}",
                "Passkey support: {passkey}",
                "Rotate signing keys for {month}",
                "Upgrade {library} in Identity Hub"),
            l("Enterprise merchant request.", "Quarterly key rotation.", "Security backlog item."),
            l("Product request.", "Security policy.", "Routine maintenance."),
            l(
                "Done and verified.",
                "Rotated in the Tuesday window.",
                "Shipped in release {release}.")));
    // ---------------------------------------------------------------- Risk (RISK)
    f.add(
        new Family(
            "fraud-model",
            "fraud-sentinel",
            "RISK",
            ALWAYS,
            4,
            4,
            sev(0, 6, 3, 0),
            BUG_PROBLEM,
            l(
                "Fraud model {model} scoring latency",
                "Checkout falling back to static rules",
                "False positives after model {model} activation",
                "Feature store cache misses after deploy"),
            l(
                "p95 scoring latency reached {ms} ms and checkout used static rules for {pct} % of orders.",
                "Decline rate rose by {pct_small} points for merchant {merchant}.",
                "Feature cache hit ratio fell to 0.{ratio}."),
            l(
                "The new model shipped with a cold feature cache.",
                "A feature pipeline change doubled a velocity feature.",
                "The model was trained on data missing a week of chargebacks."),
            l(
                "Rolled the model back to the previous version.",
                "Warmed the cache by replaying traffic before activation.",
                "Shadow-scored the model for 24 hours before a second activation.")));
    f.add(
        new Family(
            "risk-generic",
            "fraud-sentinel",
            "RISK",
            ALWAYS,
            4,
            0,
            sev(0, 0, 5, 5),
            WORK,
            l(
                "Retrain fraud model on {month} data",
                "Add feature: {feature}",
                "Chargeback report for {month}",
                "Review rule thresholds for {region}"),
            l(
                "Monthly retraining.",
                "Requested by the risk analysts.",
                "Chargeback rate in {region} rose slightly."),
            l("Scheduled work.", "Analyst request.", "Risk review."),
            l(
                "Model trained and shadow-scored.",
                "Feature added and monitored.",
                "Thresholds adjusted after review.")));
    // ---------------------------------------------------------------- Integrations (INTG)
    f.add(
        new Family(
            "webhook-delay",
            "webhook-dispatcher",
            "INTG",
            ALWAYS,
            5,
            5,
            sev(0, 3, 6, 0),
            BUG_PROBLEM,
            l(
                "Webhook deliveries delayed",
                "Webhook queue backlog growing",
                "Merchants report late order webhooks",
                "Dispatch workers saturated by slow endpoint"),
            l(
                "Oldest undelivered event reached {minutes} minutes; queue depth {n}.",
                "Endpoint {endpoint} answered in 25 s and held most workers.",
                "Error rate of deliveries at {pct} %; retries piling up."),
            l(
                "One slow merchant endpoint held the shared worker pool.",
                "Workers crashed on very large payloads.",
                "A queue failover replayed already delivered events."),
            l(
                "Applied a per-endpoint concurrency limit.",
                "Rolled back the dispatcher release.",
                "Documented event ids as dedupe keys and drained the queue.")));
    f.add(
        new Family(
            "inventory-lag",
            "inventory-sync",
            "INTG",
            ALWAYS,
            5,
            4,
            sev(0, 2, 7, 0),
            BUG_PROBLEM,
            l(
                "Inventory Sync lag for merchant {merchant}",
                "Stock levels out of date on storefronts",
                "Retry storm in Inventory Sync",
                "Bulk import blocks inventory updates"),
            l(
                "Sync lag reached {lag} s; merchants oversold {n} items.",
                "Each stock update was retried three times and merchant APIs answered 429.",
                "A bulk import of {n} SKUs queued every other merchant behind it."),
            l(
                "A release changed the retry policy.",
                "One merchant's bulk import shared the normal queue.",
                "A merchant API rate limit was lowered without notice."),
            l(
                "Capped retries at one with backoff.",
                "Moved bulk imports to their own queue.",
                "Agreed a higher rate limit with the merchant.")));
    f.add(
        new Family(
            "integrations-generic",
            "webhook-dispatcher",
            "INTG",
            ALWAYS,
            6,
            0,
            sev(0, 0, 5, 5),
            WORK,
            l(
                "New webhook event type {event}",
                "Add HMAC signature v2 to webhooks",
                "Connector for {platform}",
                "Upgrade {library} in dispatcher"),
            l(
                "Merchants asked for this event.",
                "Partner {platform} changed its API.",
                "Security review item."),
            l("Product request.", "Partner change.", "Maintenance."),
            l(
                "Shipped and documented.",
                "Released to all merchants.",
                "Done in release {release}.")));
    // ---------------------------------------------------------------- Catalog (CAT)
    f.add(
        new Family(
            "catalog-cache",
            "catalog-service",
            "CAT",
            ALWAYS,
            6,
            4,
            sev(0, 0, 8, 2),
            BUG,
            l(
                "Stale product data on storefronts",
                "Catalog cache stampede after deploy",
                "Product images not updating in {region}",
                "Catalog search returns removed products"),
            l(
                "Merchant {merchant} changed prices but storefronts showed old ones for {minutes} minutes.",
                "p95 rose to {ms} ms while every node rebuilt the same keys.",
                "The CDN purge job failed with 403."),
            l(
                "A full cache flush during deploy made every node rebuild at once.",
                "The purge API credential was rotated without updating the job.",
                "Search index updates were queued behind a reindex."),
            l(
                "Added request coalescing and staggered warm-up.",
                "Rotated the credential through the secret manager and alerted on purge failures.",
                "Gave live updates priority over reindex jobs.")));
    f.add(
        new Family(
            "catalog-generic",
            "catalog-service",
            "CAT",
            ALWAYS,
            5,
            0,
            sev(0, 0, 4, 6),
            WORK,
            l(
                "Support product variants with {n} options",
                "Catalog API pagination for large merchants",
                "Import format {format}",
                "Upgrade {library} in Catalog Service"),
            l(
                "Merchant {merchant} asked for it.",
                "Large catalogs time out.",
                "Routine maintenance."),
            l("Product request.", "Performance.", "Maintenance."),
            l("Done.", "Shipped in release {release}.", "Closed after verification.")));
    // ---------------------------------------------------------------- Data (DATA)
    f.add(
        new Family(
            "etl-stall",
            "beacon-analytics",
            "DATA",
            ALWAYS,
            6,
            4,
            sev(0, 0, 8, 2),
            BUG,
            l(
                "Nightly ETL stalled",
                "Merchant dashboards stale",
                "Warehouse cost spike",
                "Beacon report query times out"),
            l(
                "Dashboards showed the previous day until {late_time} UTC.",
                "A report ran an unbounded join every 15 minutes; cost up {n} %.",
                "The {report} report timed out after {minutes} minutes."),
            l(
                "An upstream export renamed a column without notice.",
                "A cohort report had no partition filter.",
                "Table statistics were stale after a bulk load."),
            l(
                "Added schema contract tests to the export.",
                "Rewrote the query with a date filter and a byte limit.",
                "Refreshed statistics after every bulk load.")));
    f.add(
        new Family(
            "data-generic",
            "beacon-analytics",
            "DATA",
            ALWAYS,
            5,
            0,
            sev(0, 0, 4, 6),
            WORK,
            l(
                "New dashboard: {report}",
                "Export {report} to merchants",
                "Backfill {report} for {month}",
                "Upgrade {library} in the ETL"),
            l("Requested by {person}.", "Merchant success needs it.", "Finance needs the history."),
            l("Request.", "Request.", "Maintenance."),
            l("Delivered.", "Published to merchants.", "Backfill done.")));
    // ---------------------------------------------------------------- SRE (SRE)
    f.add(
        new Family(
            "sre-alerts",
            "*",
            "SRE",
            ALWAYS,
            4,
            0,
            sev(0, 0, 5, 5),
            List.of("Task", "Toil"),
            l(
                "Noisy alert: {metric_name} on {service_name}",
                "Tune paging threshold for {service_name}",
                "Alert fired {n} times last week without action"),
            l(
                "On-call was paged {n} times for {metric_name} with no customer impact.",
                "The alert pages at night for a batch that recovers by itself.",
                "Hand-over notes mention this alert every week."),
            l(
                "Threshold set before the service's traffic doubled.",
                "No grace period on a batch metric.",
                "Duplicate alerts for the same symptom."),
            l(
                "Raised the threshold and added a 10-minute window.",
                "Routed it to the team channel instead of paging.",
                "Merged the duplicates.")));
    f.add(
        new Family(
            "sre-capacity",
            "*",
            "SRE",
            ALWAYS,
            3,
            0,
            sev(0, 1, 5, 4),
            List.of("Task", "Problem"),
            l(
                "Capacity review for {service_name} before {season}",
                "Disk growth on {db}",
                "Node pool upgrade in {region}"),
            l(
                "{db} grows {pct} % per month; {n} days of headroom left.",
                "Peak traffic for {season} is forecast at {n} requests per second.",
                "The node pool runs a version that leaves support soon."),
            l("Seasonal traffic.", "Data growth.", "Platform lifecycle."),
            l(
                "Added capacity in the Tuesday window.",
                "Archived old partitions.",
                "Upgraded the node pool with surge nodes.")));
    f.add(
        new Family(
            "sre-runbook",
            "*",
            "SRE",
            ATLAS,
            2,
            0,
            sev(0, 0, 5, 5),
            List.of("Task"),
            l(
                "Update runbook for {service_name}",
                "Game day: {service_name} failover",
                "Document rollback for {service_name}"),
            l(
                "The last incident showed the runbook missed a step.",
                "Quarterly game day.",
                "New on-call engineers asked for it."),
            l("Runbook drift.", "Resilience practice.", "Onboarding."),
            l(
                "Runbook updated and reviewed by the team.",
                "Game day done; two findings filed.",
                "Rollback steps documented and tested.")));
    return List.copyOf(f);
  }
}
