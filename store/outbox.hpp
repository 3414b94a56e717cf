#pragma once

// The reminder outbox: reminders that came due, their deliveries to each webhook endpoint, every
// attempt, dead letters and endpoints disabled by 410 Gone. Its own connection on the store's
// file (schema version 2, docs/store.md); the dispatcher (http/delivery/dispatcher.hpp) is its
// writer, the CLI and the dashboard read it.
//
// Nothing is lost, nothing doubled: a reminder enters once per id (entering it again is ignored),
// and each attempt's outcome is committed by itself as soon as it is known, so a process killed
// after a 2xx sends that one reminder again at most.

#include <date/date.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/base/result.hpp"
#include "store/store.hpp"

namespace torikumi::store {

// A due reminder to enter, with the body its webhook carries.
struct OutboxEntry {
  std::string id;
  std::string plan;
  std::string occurrence;
  std::string rule;
  date::sys_seconds send_at;
  std::string subject;
  std::string payload;  // the JSON body, signed and sent as it is
};

struct ReconcileSummary {
  std::size_t entered = 0;    // new reminders (each with one delivery per endpoint)
  std::size_t withdrawn = 0;  // reminders with deliveries left that their plan no longer has
  std::size_t revived = 0;    // withdrawn ones the plan has again (an undo)
  bool operator==(const ReconcileSummary&) const = default;
};

enum class DeliveryState { pending, delivered, dead, withdrawn };
std::string_view to_string(DeliveryState state);
std::optional<DeliveryState> parse_delivery_state(std::string_view text);

// A delivery claimed for an attempt.
struct DueDelivery {
  std::string reminder;
  std::string endpoint;
  std::string payload;
  int attempts = 0;  // made before this one
};

enum class AttemptOutcome {
  delivered,          // 2xx
  retry,              // to be tried again at next_attempt_at
  dead,               // failed for good: a dead letter
  endpoint_disabled,  // 410 Gone: the endpoint is disabled, its pending deliveries dead
};

struct AttemptRecord {
  std::string reminder;
  std::string endpoint;
  date::sys_seconds at;
  std::optional<int> status;  // the HTTP status; none: no response
  std::string error;          // empty on success
  AttemptOutcome outcome = AttemptOutcome::delivered;
  date::sys_seconds next_attempt_at;  // for retry
};

// One line of the delivery log.
struct DeliveryInfo {
  std::string reminder;
  std::string plan;
  std::string occurrence;
  std::string rule;
  std::string subject;
  date::sys_seconds send_at;
  std::string endpoint;
  DeliveryState state = DeliveryState::pending;
  int attempts = 0;
  date::sys_seconds next_attempt_at;
  std::optional<date::sys_seconds> last_attempt_at;
  std::optional<int> last_status;
  std::string last_error;
  std::optional<date::sys_seconds> delivered_at;
};

struct DeliveryQuery {
  std::optional<std::string> plan;
  std::optional<DeliveryState> state;
  std::optional<std::string> reminder;
  std::size_t limit = 100;  // the latest first (by send instant, then id)
};

struct AttemptInfo {
  int attempt = 0;
  date::sys_seconds at;
  std::optional<int> status;
  std::string error;
  std::string outcome;  // delivered, retry, dead, endpoint disabled
  bool operator==(const AttemptInfo&) const = default;
};

// A reminder as the outbox holds it.
struct EnteredReminder {
  std::string id;
  std::string occurrence;
  std::string rule;
  date::sys_seconds send_at;
  date::sys_seconds entered_at;  // the pass that entered it
  std::string subject;
  std::string payload;
  bool withdrawn = false;
  bool operator==(const EnteredReminder&) const = default;
};

struct DisabledEndpoint {
  std::string url;
  date::sys_seconds disabled_at;
  std::string reason;
};

class Outbox {
 public:
  // Opens the store's file, migrating it first (Store::open), on a connection of its own.
  static Result<Outbox> open(const std::string& path, const OpenOptions& options = {});
  Outbox(Outbox&&) noexcept;
  Outbox& operator=(Outbox&&) noexcept;
  ~Outbox();

  // In one transaction: enters the due reminders not in yet, each with a pending delivery per
  // endpoint due at once; withdraws the plan's reminders with deliveries still pending whose ids
  // are not among `planned` (every reminder planning gives the plan now, due or not: what is
  // neither was done, skipped, cancelled or moved); revives withdrawn ones that are due again.
  Result<ReconcileSummary> reconcile(std::string_view plan_id, std::span<const OutboxEntry> due,
                                     const std::unordered_set<std::string>& planned,
                                     std::span<const std::string> endpoints, date::sys_seconds now);

  // When the outbox took the plan's first reminder (the `now` of the reconcile that entered it);
  // none: it holds none of the plan's. What says a pass is the plan's first import
  // (engine/reminders/first_import.hpp).
  Result<std::optional<date::sys_seconds>> first_entered_at(std::string_view plan_id);

  // The plan's reminders entered under `rule` (a first import's summaries), the first entered
  // first, then by id.
  Result<std::vector<EnteredReminder>> entered_under_rule(std::string_view plan_id,
                                                          std::string_view rule);

  // Pending deliveries to an endpoint due by `now`, the longest waiting first.
  Result<std::vector<DueDelivery>> claim(std::string_view endpoint, date::sys_seconds now,
                                         std::size_t limit);

  // Records an attempt and its outcome in one transaction (committed before it returns).
  Status record(const AttemptRecord& attempt);

  Result<std::vector<DeliveryInfo>> deliveries(const DeliveryQuery& query);
  Result<std::vector<AttemptInfo>> attempts(std::string_view reminder, std::string_view endpoint);
  // How many deliveries are in each state (for /metrics); states with none are left out.
  Result<std::vector<std::pair<DeliveryState, std::size_t>>> delivery_counts();

  // Sends a dead letter again: its dead deliveries become pending, due at `now`, their attempts
  // counted from zero. Errors: unknown reminder; nothing dead to replay.
  Result<std::size_t> replay(std::string_view reminder, date::sys_seconds now);

  Result<std::vector<DisabledEndpoint>> disabled_endpoints();
  // Enables an endpoint again (true when it was disabled); its dead deliveries stay dead until
  // replayed.
  Result<bool> enable_endpoint(std::string_view url);

 private:
  struct Impl;
  explicit Outbox(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace torikumi::store
