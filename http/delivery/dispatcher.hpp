#pragma once

// The reminder dispatcher: one pass plans the reminders of every stored plan (engine/
// reminder_planning.hpp), and those to the participants of each meeting occurrence whose
// invitation was sent (engine/reminders/participant_reminders.hpp, with the invitations and their
// answers as the store keeps them), enters the due ones in the outbox (store/outbox.hpp), on a
// plan's first import those of its past as the config says (engine/reminders/first_import.hpp: by
// default one summary per owner), and withdraws those their plan no longer has, then POSTs each due
// delivery to its endpoint, signed in the Standard Webhooks manner, and records the outcome before
// the next. `torikumi remind` runs one pass (--once) or the loop; `torikumi serve` runs the loop
// beside the server (start/stop).
//
// Endpoints come only from the config: nothing in a plan names a host. Two dispatchers on one
// database do not send at once: a pass holds an advisory lock on DATABASE.dispatch-lock (the
// kernel lets it go when the process dies), and a pass that finds it taken sends nothing.

#include <date/date.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/plan/config.hpp"
#include "engine/plan/plan.hpp"
#include "engine/reminders/participant_reminders.hpp"
#include "engine/reminders/reminder_planning.hpp"
#include "http/delivery/delivery_policy.hpp"
#include "http/delivery/webhook_client.hpp"

namespace torikumi::store {
class Store;
}

namespace torikumi::http {

using DispatchClock = std::function<date::sys_seconds()>;

enum class DispatchMode {
  send,     // enter, withdraw, POST, record
  dry_run,  // say what would be entered and sent; write nothing, POST nothing
};

struct DispatcherOptions {
  std::string database;  // the store's file
  Config config;
  DispatchClock clock;
  Transport* transport = nullptr;  // REQUIRES: outlives the dispatcher; used by one thread
  std::ostream* log = nullptr;     // one line per pass, per failed attempt and per problem
  RetryPolicy retry;
  std::function<double()> random;  // draws from [0, 1) for the jitter; default: a seeded mt19937
  std::chrono::milliseconds interval{30000};  // between passes of the loop (wall time)
  std::size_t batch = 512;                    // deliveries read from the outbox at a time
  DispatchMode mode = DispatchMode::send;
  // Who each owner is, when not the store's: a dry run on a database that has never had a
  // directory plans with the config's, which it does not store.
  std::optional<Directory> directory{};
};

struct PassSummary {
  std::size_t plans = 0;
  std::size_t planned = 0;  // reminders planning gave, due or not
  std::size_t due = 0;
  std::size_t held_back = 0;    // due, but a first import's reminders of the past: not entered
  std::size_t summaries = 0;    // first-import summaries made (entered, unless a dry run)
  std::size_t summarised = 0;   // overdue items they list
  std::size_t entered = 0;      // the summaries included
  std::size_t invitations = 0;  // invitation items a meeting's change entered (follow_invitations)
  std::size_t withdrawn = 0;
  std::size_t revived = 0;
  std::size_t attempted = 0;
  std::size_t delivered = 0;
  std::size_t retried = 0;
  std::size_t failed = 0;                  // dead letters made, endpoints disabled included
  bool locked_out = false;                 // another dispatcher held the lock: nothing was sent
  std::vector<std::string> warnings;       // owners missing from the directory, plans that failed
  std::vector<std::string> dry_run_lines;  // in dry_run: what would happen
};

class Dispatcher {
 public:
  explicit Dispatcher(DispatcherOptions options);
  ~Dispatcher();  // stops the loop
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // One pass at clock(). Errors: the database cannot be opened or written.
  Result<PassSummary> run_once();

  // Runs passes every interval on a thread of its own until stop(); errors go to the log.
  void start();
  // Ends the loop after the pass in flight (a pass stops between deliveries); joins.
  void stop();
  // Runs the next pass now rather than after the interval (invitations just entered); a pass in
  // flight is followed by another at once. Safe from any thread.
  void wake();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// A stored plan's reminders as planning gives them at `now`, for its stored fiscal year and any
// later one `now` is in or within the longest lead time of: what the dashboard lists as upcoming
// (send_at > now) per plan. The recipients are the store's directory (Store::directory); the
// participant reminders' are the stored invitations' attendees (Store::invitations).
struct PlannedReminders {
  std::shared_ptr<const Plan> plan;
  std::vector<Reminder> reminders;                           // by send instant
  std::vector<ParticipantReminder> participant_reminders{};  // by send instant
  std::vector<std::string> warnings;
  // The plan's owners the directory gives no recipients ("" for the tasks without one): their
  // items get no reminders.
  std::vector<std::string> unreached_owners;
};
// Calls on_owner for each of `owners` and on_participant for each of `participants` (each by send
// instant), in one order by send instant, owners' first at the same instant.
template <typename OnOwner, typename OnParticipant>
void for_each_by_send_at(const std::vector<Reminder>& owners,
                         const std::vector<ParticipantReminder>& participants, OnOwner&& on_owner,
                         OnParticipant&& on_participant) {
  auto owner = owners.begin();
  auto participant = participants.begin();
  while (owner != owners.end() || participant != participants.end()) {
    if (participant == participants.end() ||
        (owner != owners.end() && owner->send_at <= participant->send_at))
      on_owner(*owner++);
    else
      on_participant(*participant++);
  }
}

// `directory`: the one to plan with; null for the store's.
Result<PlannedReminders> plan_stored_reminders(store::Store& store, const Config& config,
                                               std::string_view plan_id, date::sys_seconds now,
                                               const Directory* directory = nullptr);

}  // namespace torikumi::http
