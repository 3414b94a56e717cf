#include "http/api/reminder_board.hpp"

#include "engine/calendar/time_text.hpp"
#include "engine/reminders/first_import.hpp"
#include "http/api/api.hpp"
#include "http/delivery/dispatcher.hpp"

namespace torikumi::http {

namespace {

using nlohmann::json;

json instant_or_null(const std::optional<date::sys_seconds>& instant) {
  return instant ? json(format_utc_instant(*instant)) : json(nullptr);
}

// The first import's summaries as the outbox holds them: how many, and the items their bodies
// list (a body that does not parse counts none).
std::optional<FirstImportNote> first_import_note(
    const std::vector<store::EnteredReminder>& summaries, const PlanZone& zone) {
  if (summaries.empty()) return std::nullopt;
  FirstImportNote note{.items = 0,
                       .summaries = summaries.size(),
                       .day = zone.local_day(summaries.front().entered_at)};
  for (const store::EnteredReminder& summary : summaries) {
    const json payload = json::parse(summary.payload, nullptr, false);
    if (!payload.is_object()) continue;
    const auto part = payload.find("summary");
    if (part == payload.end() || !part->is_object()) continue;
    const auto items = part->find("items");
    if (items != part->end() && items->is_array()) note.items += items->size();
  }
  return note;
}

}  // namespace

Result<std::unique_ptr<ReminderBoard>> ReminderBoard::create(const std::string& database,
                                                             Config config,
                                                             StorePlanCatalog& catalog) {
  auto outbox = store::Outbox::open(database);
  if (!outbox) return outbox.error();
  return std::unique_ptr<ReminderBoard>{
      new ReminderBoard{std::move(config), std::move(*outbox), catalog}};
}

Result<PlanReminders, HttpError> ReminderBoard::plan_reminders(std::string_view plan_id,
                                                               date::sys_seconds now,
                                                               std::size_t upcoming_limit,
                                                               std::size_t delivery_limit) {
  if (!catalog_.find(plan_id))
    return HttpError{ErrorKind::not_found, "no plan \"" + std::string{plan_id} + "\""};
  auto planned = catalog_.with_store(
      [&](store::Store& store) { return plan_stored_reminders(store, config_, plan_id, now); });
  if (!planned) return HttpError{ErrorKind::internal, planned.error().message};
  PlanReminders reminders;
  for (std::string& owner : planned->unreached_owners)
    if (!owner.empty()) reminders.unreached_owners.push_back(std::move(owner));
  reminders.endpoints = config_.webhooks.size();
  for (Reminder& reminder : planned->reminders) {
    if (reminder.send_at <= now) continue;
    if (reminders.upcoming.size() == upcoming_limit) break;
    reminders.upcoming.push_back(std::move(reminder));
  }
  for (ParticipantReminder& reminder : planned->participant_reminders)
    if (reminder.send_at > now) reminders.participant_upcoming.push_back(std::move(reminder));
  std::lock_guard lock{outbox_mutex_};
  auto deliveries = outbox_.deliveries({.plan = std::string{plan_id},
                                        .state = std::nullopt,
                                        .reminder = std::nullopt,
                                        .limit = delivery_limit});
  if (!deliveries) return HttpError{ErrorKind::internal, deliveries.error().message};
  reminders.deliveries = std::move(*deliveries);
  const auto summaries = outbox_.entered_under_rule(plan_id, kFirstImportSummaryRule);
  if (!summaries) return HttpError{ErrorKind::internal, summaries.error().message};
  reminders.first_import = first_import_note(*summaries, planned->plan->time_zone);
  return reminders;
}

Result<json, HttpError> ReminderBoard::reminders_document(std::string_view plan_id,
                                                          date::sys_seconds now,
                                                          PersonalData personal_data) {
  constexpr std::size_t kListed = 1000;
  auto reminders = plan_reminders(plan_id, now, kListed, 100);
  if (!reminders) return reminders.error();
  const auto recipients_of = [&](const std::vector<Recipient>& recipients) {
    json list = json::array();
    for (const Recipient& recipient : recipients) {
      json entry{{"name", recipient.name}};
      if (personal_data == PersonalData::shown) entry["email"] = recipient.email;
      list.push_back(std::move(entry));
    }
    return list;
  };
  json upcoming = json::array();
  for_each_by_send_at(
      reminders->upcoming, reminders->participant_upcoming,
      [&](const Reminder& reminder) {
        if (upcoming.size() == kListed) return;
        upcoming.push_back({{"id", reminder.id},
                            {"occurrence", reminder.occurrence},
                            {"rule", reminder.rule},
                            {"kind", std::string{to_string(reminder.kind)}},
                            {"send_at", format_utc_instant(reminder.send_at)},
                            {"title", reminder.title},
                            {"owner", reminder.owner},
                            {"escalated", reminder.escalated},
                            {"recipients", recipients_of(reminder.recipients)}});
      },
      [&](const ParticipantReminder& reminder) {
        if (upcoming.size() == kListed) return;
        upcoming.push_back({{"id", reminder.id},
                            {"occurrence", reminder.occurrence},
                            {"rule", reminder.rule},
                            {"kind", "participant-" + std::string{to_string(reminder.kind)}},
                            {"send_at", format_utc_instant(reminder.send_at)},
                            {"title", reminder.meeting.title},
                            {"owner", reminder.owner},
                            {"escalated", false},
                            {"recipients", recipients_of(reminder.recipients)}});
      });
  return json{
      {"plan", plan_id}, {"webhooks", reminders->endpoints}, {"upcoming", std::move(upcoming)}};
}

Result<json, HttpError> ReminderBoard::deliveries_document(
    const std::multimap<std::string, std::string>& parameters, PersonalData personal_data) {
  store::DeliveryQuery query;
  if (const auto plan = parameters.find("plan"); plan != parameters.end())
    query.plan = plan->second;
  if (const auto reminder = parameters.find("reminder"); reminder != parameters.end())
    query.reminder = reminder->second;
  if (const auto state = parameters.find("state"); state != parameters.end()) {
    query.state = store::parse_delivery_state(state->second);
    if (!query.state)
      return HttpError{
          ErrorKind::bad_request,
          "state: expected pending, delivered, dead or withdrawn, got \"" + state->second + "\""};
  }
  const auto limit = limit_parameter(parameters, query.limit);
  if (!limit) return limit.error();
  query.limit = *limit;
  std::lock_guard lock{outbox_mutex_};
  auto deliveries = outbox_.deliveries(query);
  if (!deliveries) return HttpError{ErrorKind::internal, deliveries.error().message};
  json list = json::array();
  for (const store::DeliveryInfo& delivery : *deliveries) {
    json entry{{"reminder", delivery.reminder},
               {"plan", delivery.plan},
               {"occurrence", delivery.occurrence},
               {"rule", delivery.rule},
               {"subject", delivery.subject},
               {"send_at", format_utc_instant(delivery.send_at)},
               {"endpoint", delivery.endpoint},
               {"state", std::string{store::to_string(delivery.state)}},
               {"attempts", delivery.attempts},
               {"next_attempt_at", format_utc_instant(delivery.next_attempt_at)},
               {"last_attempt_at", instant_or_null(delivery.last_attempt_at)},
               {"last_status", delivery.last_status ? json(*delivery.last_status) : json(nullptr)},
               {"last_error", delivery.last_error},
               {"delivered_at", instant_or_null(delivery.delivered_at)}};
    if (personal_data == PersonalData::withheld) {
      entry.erase("endpoint");
      entry.erase("last_error");
    }
    list.push_back(std::move(entry));
  }
  return json{{"deliveries", std::move(list)}};
}

Result<json, HttpError> ReminderBoard::replay(std::string_view reminder, date::sys_seconds now) {
  std::lock_guard lock{outbox_mutex_};
  const auto replayed = outbox_.replay(reminder, now);
  if (!replayed) return http_error(replayed.error());
  return json{{"reminder", reminder}, {"replayed", *replayed}};
}

std::vector<std::pair<store::DeliveryState, std::size_t>> ReminderBoard::delivery_counts() {
  std::lock_guard lock{outbox_mutex_};
  auto counts = outbox_.delivery_counts();
  return counts ? std::move(*counts) : std::vector<std::pair<store::DeliveryState, std::size_t>>{};
}

}  // namespace torikumi::http
