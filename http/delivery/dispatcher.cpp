#include "http/delivery/dispatcher.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <ostream>
#include <random>
#include <set>
#include <unordered_set>

#include "engine/calendar/time_text.hpp"
#include "engine/progress/expansion.hpp"
#include "engine/reminders/first_import.hpp"
#include "engine/reminders/reminder_payload.hpp"
#include "http/contract/routes.hpp"
#include "http/delivery/webhook_signature.hpp"
#include "http/meetings/invitation_sender.hpp"
#include "http/pages/templates/reminder_email.hpp"
#include "http/transport/url.hpp"
#include "store/outbox.hpp"
#include "store/store.hpp"

namespace torikumi::http {

namespace {

constexpr const char* kUserAgent = "torikumi-reminders";

// The plan's overdue page narrowed to an owner ("-": the tasks without one), as
// http/pages/overdue_page.cpp reads it.
std::string overdue_link(const ReminderLinks& links, const std::string& owner) {
  return links.dashboard + "/overdue?owner=" + (owner.empty() ? "-" : percent_encode(owner));
}

// An advisory lock on DATABASE.dispatch-lock for one pass; released when it goes away, or by the
// kernel when the process dies.
class PassLock {
 public:
  explicit PassLock(const std::string& database) {
    descriptor_ = ::open((database + ".dispatch-lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    held_ = descriptor_ >= 0 && ::flock(descriptor_, LOCK_EX | LOCK_NB) == 0;
  }
  ~PassLock() {
    if (descriptor_ >= 0) ::close(descriptor_);  // closing releases the lock
  }
  PassLock(const PassLock&) = delete;
  PassLock& operator=(const PassLock&) = delete;
  bool held() const { return held_; }

 private:
  int descriptor_ = -1;
  bool held_ = false;
};

// BASE/meetings/<occurrence id>: the meeting's page, where a participant reminder points.
ParticipantReminderLinks participant_links(const HttpUrl& base_url, const std::string& occurrence) {
  return {.meeting = base_url.text + std::string{routes::kMeetingsPrefix} + occurrence};
}

// The store's invitations as what participant planning reads: each attendee with their kept
// answer, dropped ones marked.
std::vector<InvitationAnswers> invitation_answers(
    const std::vector<store::StoredInvitation>& invitations) {
  std::vector<InvitationAnswers> answers;
  answers.reserve(invitations.size());
  for (const store::StoredInvitation& invitation : invitations) {
    InvitationAnswers entry{
        .occurrence = invitation.occurrence, .shape = invitation.sent.shape, .attendees = {}};
    for (const store::StoredAttendee& attendee : invitation.attendees)
      entry.attendees.push_back(
          {.person = attendee.person, .invited = attendee.invited, .answer = attendee.answer});
    answers.push_back(std::move(entry));
  }
  return answers;
}

std::string describe_status(const WebhookResponse& response) {
  const int status = response.status;
  const std::string& body = response.body;
  std::string text = "HTTP " + std::to_string(status);
  if (status >= 300 && status < 400)
    text += " redirect" + (response.location ? " to " + *response.location : std::string{}) +
            ", not followed: correct the webhook's url in the config";
  if (!body.empty()) {
    std::string excerpt = body.substr(0, 200);
    std::replace(excerpt.begin(), excerpt.end(), '\n', ' ');
    text += ": " + excerpt;
  }
  return text;
}

}  // namespace

Result<PlannedReminders> plan_stored_reminders(store::Store& store, const Config& config,
                                               std::string_view plan_id, date::sys_seconds now,
                                               const Directory* directory) {
  auto stored = store.load_plan(plan_id);
  if (!stored) return stored.error();
  PlannedReminders planned;
  auto plan = std::make_shared<Plan>(std::move(stored->plan));
  planned.plan = plan;
  const ReminderRules rules = apply_overrides(config.reminders, plan->reminders);
  std::set<int> years{stored->fiscal_year};
  const date::sys_days today = plan->time_zone.today(now);
  // Later years once `now` is in them, or close enough for their first lead times (a meeting
  // in April is reminded of in March); never an earlier one (the plan was not written for it).
  date::days lookahead{0};
  for (const auto* leads :
       {&rules.meeting.before, &rules.deadline.before, &rules.progress_note.before,
        &rules.participants.unanswered_before, &rules.participants.accepted_before,
        &rules.participants.nudge_before, &rules.participants.action_before})
    for (const auto lead : *leads) lookahead = std::max(lookahead, lead);
  for (const date::sys_days day : {today, today + lookahead + date::days{1}}) {
    const int year = static_cast<int>(FiscalYear::containing(day, plan->fiscal_year_start).year());
    if (year > stored->fiscal_year) years.insert(year);
  }
  // Who each owner is, as the database holds it now (an admin may have changed it since the last
  // pass).
  Result<Directory> stored_directory =
      directory ? Result<Directory>{*directory} : store.directory(membership_day(now));
  if (!stored_directory) return stored_directory.error();
  // The meeting occurrences whose invitation was sent, with every attendee's answer as kept now
  // (an answer since the last pass takes the person's unanswered reminders away).
  const auto invitations = store.invitations(plan_id);
  if (!invitations) return invitations.error();
  const std::vector<InvitationAnswers> answers = invitation_answers(*invitations);
  std::set<std::string> warnings;
  for (const int year : years) {
    auto state = store.load_state(plan_id, year);
    if (!state) return state.error();
    const auto expansion = expand_plan(*plan, date::year{year});
    if (!expansion) return expansion.error();
    auto reminders = plan_reminders(*plan, *expansion, *state, rules, *stored_directory);
    for (auto& reminder : reminders.reminders) planned.reminders.push_back(std::move(reminder));
    if (!answers.empty() || !state->actions.empty())
      for (auto& reminder :
           plan_participant_reminders(*plan, *expansion, *state, rules, *stored_directory, answers))
        planned.participant_reminders.push_back(std::move(reminder));
    warnings.insert(reminders.warnings.begin(), reminders.warnings.end());
    for (std::string& owner : reminders.unreached_owners)
      if (std::find(planned.unreached_owners.begin(), planned.unreached_owners.end(), owner) ==
          planned.unreached_owners.end())
        planned.unreached_owners.push_back(std::move(owner));
  }
  std::sort(planned.reminders.begin(), planned.reminders.end(),
            [](const Reminder& a, const Reminder& b) {
              return a.send_at != b.send_at ? a.send_at < b.send_at : a.id < b.id;
            });
  std::sort(planned.participant_reminders.begin(), planned.participant_reminders.end(),
            [](const ParticipantReminder& a, const ParticipantReminder& b) {
              return a.send_at != b.send_at ? a.send_at < b.send_at : a.id < b.id;
            });
  planned.warnings.assign(warnings.begin(), warnings.end());
  return planned;
}

class Dispatcher::Impl {
 public:
  explicit Impl(DispatcherOptions options) : options_(std::move(options)) {
    if (!options_.random) {
      options_.random = [generator = std::mt19937_64{std::random_device{}()}]() mutable {
        return std::uniform_real_distribution<double>{0.0, 1.0}(generator);
      };
    }
    for (const auto& endpoint : options_.config.webhooks) {
      endpoints_.push_back(endpoint.url.text);
      keys_.push_back(webhook_key(endpoint.secret).value());  // the config reader checked it
    }
  }

  ~Impl() { stop(); }

  Result<PassSummary> run_once() {
    std::lock_guard pass{pass_mutex_};
    PassSummary summary;
    const bool dry_run = options_.mode == DispatchMode::dry_run;
    std::optional<PassLock> lock;
    if (!dry_run) {
      lock.emplace(options_.database);
      if (!lock->held()) {
        summary.locked_out = true;
        log("remind: another dispatcher holds " + options_.database +
            ".dispatch-lock; not sending");
        return summary;
      }
    }
    if (auto opened = open(); !opened) return opened.error();
    const date::sys_seconds now = options_.clock();
    if (auto planned = plan_all(now, summary); !planned) return planned.error();
    for (std::size_t i = 0; i < options_.config.webhooks.size() && !stopping(); ++i) {
      if (auto sent = send_due(i, now, summary); !sent) return sent.error();
    }
    if (!dry_run && (summary.entered + summary.withdrawn + summary.attempted) > 0)
      log("remind: " + std::to_string(summary.entered) + " entered, " +
          std::to_string(summary.withdrawn) + " withdrawn, " + std::to_string(summary.delivered) +
          " delivered, " + std::to_string(summary.retried) + " to retry, " +
          std::to_string(summary.failed) + " failed");
    return summary;
  }

  void wake() {
    {
      std::lock_guard guard{loop_mutex_};
      woken_ = true;
    }
    wake_.notify_all();
  }

  void start() {
    std::lock_guard guard{loop_mutex_};
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
  }

  void stop() {
    {
      std::lock_guard guard{loop_mutex_};
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void log(const std::string& line) {
    if (options_.log == nullptr) return;
    std::lock_guard guard{log_mutex_};
    *options_.log << line << '\n' << std::flush;
  }

  bool stopping() {
    std::lock_guard guard{loop_mutex_};
    return stopping_;
  }

  void loop() {
    while (true) {
      if (auto pass = run_once(); !pass) log("remind: " + pass.error().message);
      std::unique_lock guard{loop_mutex_};
      if (wake_.wait_for(guard, options_.interval, [this] { return stopping_ || woken_; })) {
        if (stopping_) return;
        woken_ = false;
      }
    }
  }

  Status open() {
    if (!store_) {
      auto store = store::Store::open(options_.database);
      if (!store) return Error{options_.database + ": " + store.error().message};
      store_ = std::make_unique<store::Store>(std::move(*store));
    }
    if (!outbox_) {
      auto outbox = store::Outbox::open(options_.database);
      if (!outbox) return Error{options_.database + ": " + outbox.error().message};
      outbox_ = std::make_unique<store::Outbox>(std::move(*outbox));
    }
    return {};
  }

  Status plan_all(date::sys_seconds now, PassSummary& summary) {
    const auto plans = store_->list_plans();
    if (!plans) return plans.error();
    for (const auto& listed : *plans) {
      if (options_.mode == DispatchMode::send && options_.config.meetings)
        follow_plan_invitations(listed.id, now, summary);
      auto planned = plan_stored_reminders(*store_, options_.config, listed.id, now,
                                           options_.directory ? &*options_.directory : nullptr);
      if (!planned) {
        summary.warnings.push_back("plan \"" + listed.id + "\": " + planned.error().message);
        log("remind: plan \"" + listed.id + "\": " + planned.error().message);
        continue;  // its reminders stay as they are: nothing is withdrawn on a failure
      }
      ++summary.plans;
      summary.warnings.insert(summary.warnings.end(), planned->warnings.begin(),
                              planned->warnings.end());
      const Plan& plan = *planned->plan;
      const HttpUrl base_url = options_.config.server.base_url.value_or(default_base_url());
      const ReminderLinks links = reminder_links(base_url, plan);
      std::unordered_set<std::string> ids;
      std::vector<store::OutboxEntry> due;
      const date::sys_days today = plan.time_zone.today(now);
      const auto first_entered = outbox_->first_entered_at(plan.id);
      if (!first_entered) return first_entered.error();
      const PassReminders settled = settle_first_import(
          plan, planned->reminders,
          {.choice = options_.config.on_first_import, .first_entered = *first_entered, .now = now});
      for (const Reminder& planned_reminder : planned->reminders) {
        ids.insert(planned_reminder.id);
        ++summary.planned;
        if (is_due(planned_reminder, now)) ++summary.due;
      }
      summary.held_back += settled.held_back.size();
      if (auto kept = keep_summaries(plan, *first_entered, ids); !kept) return kept.error();
      add_summaries(plan, settled, links, due, ids, summary);
      for (const Reminder& planned_reminder : settled.due) {
        const Reminder reminder = as_entered_on(planned_reminder, today, plan.time_zone);
        const auto message =
            render_reminder_message(plan, reminder, options_.config.language, links);
        enter_due(plan, reminder, message.subject, due, summary, [&] {
          return reminder_payload_json(plan, reminder, message, links, options_.config.language);
        });
      }
      add_participant_reminders(plan, planned->participant_reminders, base_url, now, due, ids,
                                summary);
      if (options_.mode == DispatchMode::dry_run) continue;
      const auto reconciled = outbox_->reconcile(plan.id, due, ids, endpoints_, now);
      if (!reconciled) return reconciled.error();
      summary.entered += reconciled->entered;
      summary.withdrawn += reconciled->withdrawn;
      summary.revived += reconciled->revived;
    }
    return {};
  }

  // The participant reminders: every one planned into `ids`, the due ones into `due` (a dry run:
  // into its lines). None is held back on a first import: each is a lead time before a meeting.
  // Brings every stored invitation of the plan whose meeting is not over up to date
  // (follow_invitations): a meeting moved, cancelled or given other participants anywhere — the
  // CLI, the API, another server — reaches its invitees at the next pass. A failure is a warning;
  // the plan's reminders go on.
  void follow_plan_invitations(const std::string& plan_id, date::sys_seconds now,
                               PassSummary& summary) {
    const auto warn = [&](const std::string& message) {
      summary.warnings.push_back("plan \"" + plan_id + "\": invitations: " + message);
      log("remind: plan \"" + plan_id + "\": invitations: " + message);
    };
    const auto invitations = store_->invitations(plan_id);
    if (!invitations) return warn(invitations.error().message);
    if (invitations->empty()) return;
    auto stored = store_->load_plan(plan_id);
    if (!stored) return warn(stored.error().message);
    auto recorded = store_->load_state(plan_id, stored->fiscal_year);
    if (!recorded) return warn(recorded.error().message);
    auto snapshot = snapshot_from_record(stored->plan, date::year{stored->fiscal_year},
                                         std::move(*recorded), 0, now);
    if (!snapshot) return warn(snapshot.error().message);
    const MeetingSettings& meetings = *options_.config.meetings;
    const MeetingsOptions meetings_options{
        .organizer = {meetings.organizer.name, meetings.organizer.email},
        .reply_domain = meetings.reply_domain,
        .endpoints = endpoints_,
        .language = options_.config.language,
        .inbound = meetings.inbound};
    const HttpUrl base_url = options_.config.server.base_url.value_or(default_base_url());
    auto settings = invitation_settings(meetings_options, *store_, base_url.text, now);
    if (!settings) return warn(settings.error().message);
    std::vector<std::string> problems;
    const auto entered = follow_invitations(*store_, **snapshot, *settings,
                                            {"torikumi (dispatcher)", now}, problems);
    if (!entered) return warn(entered.error().message);
    summary.invitations += *entered;
    for (const std::string& problem : problems) warn(problem);
  }

  void add_participant_reminders(const Plan& plan, const std::vector<ParticipantReminder>& planned,
                                 const HttpUrl& base_url, date::sys_seconds now,
                                 std::vector<store::OutboxEntry>& due,
                                 std::unordered_set<std::string>& ids, PassSummary& summary) {
    const date::sys_days today = plan.time_zone.today(now);
    for (const ParticipantReminder& planned_reminder : planned) {
      ids.insert(planned_reminder.id);
      ++summary.planned;
      if (!is_due(planned_reminder, now)) continue;
      ++summary.due;
      const ParticipantReminder reminder = as_entered_on(planned_reminder, today, plan.time_zone);
      const ParticipantReminderLinks links = participant_links(base_url, reminder.occurrence);
      const auto message =
          render_participant_reminder_message(plan, reminder, options_.config.language, links);
      enter_due(plan, reminder, message.subject, due, summary, [&] {
        return participant_reminder_payload_json(plan, reminder, message, links,
                                                 options_.config.language);
      });
    }
  }

  // A due reminder (an owner's or a participant's): an outbox entry into `due`, its payload made
  // only then; in a dry run a line of the summary instead.
  template <typename Due, typename Payload>
  void enter_due(const Plan& plan, const Due& reminder, const std::string& subject,
                 std::vector<store::OutboxEntry>& due, PassSummary& summary, Payload&& payload) {
    if (options_.mode == DispatchMode::dry_run) {
      summary.dry_run_lines.push_back("due " + reminder.id + " at " +
                                      format_rfc3339(reminder.send_at, plan.time_zone) + ": " +
                                      subject);
      return;
    }
    due.push_back({.id = reminder.id,
                   .plan = plan.id,
                   .occurrence = reminder.occurrence,
                   .rule = reminder.rule,
                   .send_at = reminder.send_at,
                   .subject = subject,
                   .payload = payload()});
  }

  // The first import's summaries into `due` (a dry run: into its lines, with what is held back).
  void add_summaries(const Plan& plan, const PassReminders& settled, const ReminderLinks& links,
                     std::vector<store::OutboxEntry>& due, std::unordered_set<std::string>& ids,
                     PassSummary& summary) {
    const bool dry_run = options_.mode == DispatchMode::dry_run;
    for (const OverdueSummary& overdue : settled.summaries) {
      ids.insert(overdue.id);
      ++summary.summaries;
      summary.summarised += overdue.items.size();
      const OverdueSummaryLinks summary_links{.plan = links,
                                              .overdue = overdue_link(links, overdue.owner)};
      const auto message =
          render_overdue_summary_message(plan, overdue, options_.config.language, summary_links);
      if (dry_run) {
        summary.dry_run_lines.push_back(
            "due " + overdue.id + " at " + format_rfc3339(overdue.send_at, plan.time_zone) + ": " +
            message.subject + " (first import: in place of " +
            std::to_string(overdue.items.size()) + " overdue reminders)");
        continue;
      }
      due.push_back({.id = overdue.id,
                     .plan = plan.id,
                     .occurrence = "",
                     .rule = std::string{kFirstImportSummaryRule},
                     .send_at = overdue.send_at,
                     .subject = message.subject,
                     .payload = overdue_summary_payload_json(plan, overdue, message, summary_links,
                                                             options_.config.language)});
    }
    if (!dry_run) return;
    for (const std::string& id : settled.held_back)
      summary.dry_run_lines.push_back(
          "held back " + id + " (first import, reminders.on_first_import \"" +
          std::string{to_string(options_.config.on_first_import)} + "\")");
  }

  // A first import's summaries stay planned: a later pass neither withdraws one still waiting to
  // be sent nor makes it again. None before the plan's first reminder entered the outbox.
  Status keep_summaries(const Plan& plan, const std::optional<date::sys_seconds>& first_entered,
                        std::unordered_set<std::string>& ids) {
    if (!first_entered) return {};
    const auto entered = outbox_->entered_under_rule(plan.id, kFirstImportSummaryRule);
    if (!entered) return entered.error();
    for (const store::EnteredReminder& row : *entered) ids.insert(row.id);
    return {};
  }

  Status send_due(std::size_t endpoint_index, date::sys_seconds now, PassSummary& summary) {
    const WebhookEndpoint& endpoint = options_.config.webhooks[endpoint_index];
    const std::string& url = endpoints_[endpoint_index];
    while (!stopping()) {
      const auto claimed = outbox_->claim(url, now, options_.batch);
      if (!claimed) return claimed.error();
      if (claimed->empty()) return {};
      if (options_.mode == DispatchMode::dry_run) {
        for (const auto& delivery : *claimed)
          summary.dry_run_lines.push_back("send " + delivery.reminder + " to " + url +
                                          " (attempt " + std::to_string(delivery.attempts + 1) +
                                          ")");
        return {};  // nothing recorded, so the same ones would come again
      }
      for (const auto& delivery : *claimed) {
        if (stopping()) return {};
        const auto outcome = attempt(endpoint, endpoint_index, delivery, summary);
        if (!outcome) return outcome.error();
        if (*outcome == store::AttemptOutcome::endpoint_disabled) return {};
      }
    }
    return {};
  }

  Result<store::AttemptOutcome> attempt(const WebhookEndpoint& endpoint, std::size_t index,
                                        const store::DueDelivery& delivery, PassSummary& summary) {
    const date::sys_seconds at = options_.clock();
    const std::int64_t timestamp = at.time_since_epoch().count();
    const WebhookHeaders headers{
        {"webhook-id", delivery.reminder},
        {"webhook-timestamp", std::to_string(timestamp)},
        {"webhook-signature",
         sign_webhook(keys_[index], delivery.reminder, timestamp, delivery.payload)},
        {"User-Agent", kUserAgent},
    };
    ++summary.attempted;
    const auto response = options_.transport->post(endpoint.url, headers, delivery.payload);
    store::AttemptRecord record{.reminder = delivery.reminder,
                                .endpoint = endpoints_[index],
                                .at = at,
                                .status = std::nullopt,
                                .error = "",
                                .outcome = store::AttemptOutcome::delivered,
                                .next_attempt_at = at};
    std::optional<std::chrono::seconds> retry_after;
    AnswerKind answer = AnswerKind::retry;
    if (response) {
      record.status = response->status;
      answer = classify_status(response->status);
      if (answer != AnswerKind::delivered) record.error = describe_status(*response);
      if (response->retry_after) retry_after = parse_retry_after(*response->retry_after, at);
    } else {
      record.error =
          (response.error().failure == TransportFailure::timeout ? "timeout: " : "connection: ") +
          response.error().message;
    }
    switch (answer) {
      case AnswerKind::delivered:
        record.outcome = store::AttemptOutcome::delivered;
        break;
      case AnswerKind::gone:
        record.outcome = store::AttemptOutcome::endpoint_disabled;
        break;
      case AnswerKind::failed:
        record.outcome = store::AttemptOutcome::dead;
        break;
      case AnswerKind::retry: {
        const auto delay =
            retry_delay(options_.retry, delivery.attempts + 1, options_.random(), retry_after);
        if (delay) {
          record.outcome = store::AttemptOutcome::retry;
          record.next_attempt_at = at + *delay;
        } else {
          record.outcome = store::AttemptOutcome::dead;
          record.error = "gave up after " + std::to_string(delivery.attempts + 1) +
                         " attempts: " + record.error;
        }
        break;
      }
    }
    const auto recorded = outbox_->record(record);
    if (!recorded) return recorded.error();
    switch (record.outcome) {
      case store::AttemptOutcome::delivered:
        ++summary.delivered;
        break;
      case store::AttemptOutcome::retry:
        ++summary.retried;
        break;
      case store::AttemptOutcome::dead:
      case store::AttemptOutcome::endpoint_disabled:
        ++summary.failed;
        break;
    }
    if (record.outcome != store::AttemptOutcome::delivered)
      log("remind: " + delivery.reminder + " to " + endpoints_[index] + ": " + record.error +
          (record.outcome == store::AttemptOutcome::retry
               ? " (again at " + format_utc_instant(record.next_attempt_at) + ")"
           : record.outcome == store::AttemptOutcome::endpoint_disabled ? " (endpoint disabled)"
                                                                        : " (dead letter)"));
    return record.outcome;
  }

  DispatcherOptions options_;
  std::vector<std::string> endpoints_;
  std::vector<std::string> keys_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::Outbox> outbox_;
  std::mutex pass_mutex_;
  std::mutex log_mutex_;
  std::mutex loop_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;  // a pass is wanted now (wake()), under loop_mutex_
  std::thread thread_;
};

Dispatcher::Dispatcher(DispatcherOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
Dispatcher::~Dispatcher() = default;
Result<PassSummary> Dispatcher::run_once() { return impl_->run_once(); }
void Dispatcher::start() { impl_->start(); }
void Dispatcher::stop() { impl_->stop(); }
void Dispatcher::wake() { impl_->wake(); }

}  // namespace torikumi::http
