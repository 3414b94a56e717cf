#pragma once

// What the dashboard and the API show of reminders (issue 7): each plan's upcoming reminders as
// planning gives them now, and the delivery log of the outbox the dispatcher works through, with
// its dead letters and their replay. Reads the store under the catalog's lock and the outbox on a
// connection of its own.

#include <date/date.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/result.hpp"
#include "engine/plan/config.hpp"
#include "engine/reminders/participant_reminders.hpp"
#include "engine/reminders/reminder_planning.hpp"
#include "http/catalog/store_catalog.hpp"
#include "http/transport/http_error.hpp"
#include "store/outbox.hpp"

namespace torikumi::http {

// Whether a document or a page shows the webhook URLs, what their receivers answered (which may
// echo a payload, addresses and all) and the recipients' email addresses: personal data, for
// editors and admins. A viewer, or anyone when reading needs no sign-in, gets the rest.
enum class PersonalData { withheld, shown };

// What the outbox holds of a plan's first import: its overdue items went out as one summary per
// owner (engine/reminders/first_import.hpp).
struct FirstImportNote {
  std::size_t items = 0;      // the overdue items the summaries list
  std::size_t summaries = 0;  // one an owner
  date::sys_days day;         // the day they were entered, in the plan's zone
  bool operator==(const FirstImportNote&) const = default;
};

// One plan's reminders for its page.
struct PlanReminders {
  std::vector<Reminder> upcoming;  // send_at after now, the soonest first
  // The meetings' participants' reminders (once an invitation was sent), send_at after now, the
  // soonest first; all of them: a page groups them by meeting and rule.
  std::vector<ParticipantReminder> participant_upcoming{};
  std::vector<store::DeliveryInfo> deliveries;    // the latest first
  std::size_t endpoints = 0;                      // webhooks configured: none means nothing is sent
  std::optional<FirstImportNote> first_import{};  // none: no summary was made
  // The plan's owners (担当) the directory gives no recipients: their items get no reminders. The
  // tasks without an owner are not among them (the pages say 担当未定 of those).
  std::vector<std::string> unreached_owners{};
};

class ReminderBoard {
 public:
  // `catalog` must outlive the board.
  static Result<std::unique_ptr<ReminderBoard>> create(const std::string& database, Config config,
                                                       StorePlanCatalog& catalog);

  Result<PlanReminders, HttpError> plan_reminders(std::string_view plan_id, date::sys_seconds now,
                                                  std::size_t upcoming_limit,
                                                  std::size_t delivery_limit);
  // GET /api/plans/<id>/reminders: the owners' and the participants' reminders in one list by
  // send instant (a participant's kind is participant-unanswered, participant-accepted or
  // participant-nudge); withheld: each recipient without "email".
  Result<nlohmann::json, HttpError> reminders_document(std::string_view plan_id,
                                                       date::sys_seconds now,
                                                       PersonalData personal_data);
  // GET /api/deliveries[?plan=&state=&reminder=&limit=]: bad_request for a state or limit that
  // does not parse; withheld: each delivery without "endpoint" and "last_error".
  Result<nlohmann::json, HttpError> deliveries_document(
      const std::multimap<std::string, std::string>& parameters, PersonalData personal_data);
  // POST /api/deliveries/<reminder>/replay: its dead deliveries pending again.
  Result<nlohmann::json, HttpError> replay(std::string_view reminder, date::sys_seconds now);
  // Deliveries by state, for /metrics.
  std::vector<std::pair<store::DeliveryState, std::size_t>> delivery_counts();

 private:
  ReminderBoard(Config config, store::Outbox outbox, StorePlanCatalog& catalog)
      : config_(std::move(config)), outbox_(std::move(outbox)), catalog_(catalog) {}

  const Config config_;
  std::mutex outbox_mutex_;
  store::Outbox outbox_;
  StorePlanCatalog& catalog_;
};

}  // namespace torikumi::http
