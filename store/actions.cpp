// Actions in the database (schema migration 16): what a meeting's outcomes leave to do. What an
// action says never reaches the audit log: it may name a case.

#include "engine/meetings/meetings_meaning.hpp"
#include "store/detail/store_impl.hpp"

namespace torikumi::store {

namespace {

#define TORIKUMI_ACTION_SELECT                                                                  \
  "SELECT a.id, a.occurrence_id, a.item_id, a.what, a.owner, a.due, a.visibility, a.agencies, " \
  "a.done_at, a.done_by, a.created_at, a.created_by, a.revision, a.changed_at "                 \
  "FROM meeting_actions a "

Result<std::vector<MeetingAction>> read_actions(Statement& statement) {
  std::vector<MeetingAction> actions;
  const auto read = statement.each_row([&] {
    MeetingAction action{
        .id = statement.integer(0),
        .occurrence = statement.text(1),
        .item =
            statement.is_null(2) ? std::nullopt : std::optional<std::int64_t>{statement.integer(2)},
        .what = statement.text(3),
        .owner = statement.text(4),
        .due = parse_iso_date(statement.text(5)).value_or(date::sys_days{}),
        .visibility =
            parse_item_visibility(statement.text(6)).value_or(ItemVisibility::named_agencies),
        .agencies = {},
        .done_at = read_instant(statement.optional_text(8)),
        .done_by = statement.optional_text(9).value_or(""),
        .created_at = read_instant_or_epoch(statement.text(10)),
        .created_by = statement.text(11),
        .revision = static_cast<std::uint32_t>(statement.integer(12)),
        .changed_at = read_instant_or_epoch(statement.text(13))};
    const json agencies = json::parse(statement.text(7), nullptr, false);
    if (agencies.is_array())
      for (const json& agency : agencies)
        if (agency.is_string()) action.agencies.push_back(agency.get<std::string>());
    actions.push_back(std::move(action));
  });
  if (!read) return read.error();
  return actions;
}

Result<MeetingAction> find_action(Connection& connection, std::int64_t action_id) {
  auto statement = connection.prepare(TORIKUMI_ACTION_SELECT "WHERE a.id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, action_id);
  auto found = read_actions(*statement);
  if (!found) return found.error();
  if (found->empty())
    return not_found_error(
        "no action " + std::to_string(action_id),
        meaning_of(meetings_meaning::kUnknownAction, {std::to_string(action_id)}));
  return std::move(found->front());
}

// Everything but what the action says.
json audit_json(const MeetingAction& action) {
  json value{{"id", action.id},
             {"owner", action.owner},
             {"due", format_iso_date(action.due)},
             {"visibility", std::string{to_string(action.visibility)}}};
  if (action.item) value["item"] = *action.item;
  if (action.done_at) value["done_at"] = instant_text(*action.done_at);
  return value;
}

}  // namespace

Result<std::vector<MeetingAction>> Store::actions(std::string_view occurrence_id) {
  auto statement =
      impl_->connection.prepare(TORIKUMI_ACTION_SELECT "WHERE a.occurrence_id = ?1 ORDER BY a.id");
  if (!statement) return statement.error();
  statement->bind(1, occurrence_id);
  return read_actions(*statement);
}

Result<std::vector<MeetingAction>> Store::Impl::plan_actions(std::string_view plan_id,
                                                             int fiscal_year) {
  auto statement = connection.prepare(TORIKUMI_ACTION_SELECT
                                      "JOIN occurrences o ON o.id = a.occurrence_id WHERE "
                                      "o.plan_id = ?1 AND o.fiscal_year = ?2 ORDER BY a.due, a.id");
  if (!statement) return statement.error();
  statement->bind_all(plan_id, fiscal_year);
  return read_actions(*statement);
}

Result<MeetingAction> Store::action(std::int64_t action_id) {
  return find_action(impl_->connection, action_id);
}

Result<MeetingAction> Store::add_action(std::string_view occurrence_id, const ActionText& text,
                                        std::optional<std::int64_t> item,
                                        date::sys_days meeting_day, const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto meeting = impl.agenda_meeting(occurrence_id, actor);
  if (!meeting) return meeting.error();
  auto settled = settle_action(text, meeting->participants, meeting_day);
  if (!settled) return settled.error();
  MeetingAction action{.id = 0,
                       .occurrence = std::string{occurrence_id},
                       .item = item,
                       .what = settled->what,
                       .owner = settled->owner,
                       .due = settled->due,
                       .visibility = ItemVisibility::participants,
                       .agencies = {},
                       .done_at = std::nullopt,
                       .done_by = {},
                       .created_at = actor.at,
                       .created_by = actor.by,
                       .revision = 0,
                       .changed_at = actor.at};
  if (item) {
    auto agenda = impl.read_agenda(occurrence_id);
    if (!agenda) return agenda.error();
    const auto found = std::find_if(agenda->begin(), agenda->end(),
                                    [&](const AgendaItem& entry) { return entry.id == *item; });
    if (found == agenda->end())
      return not_found_error(
          "no agenda item " + std::to_string(*item) + " in " + in_quotes(occurrence_id),
          meaning_of(meetings_meaning::kUnknownAgendaItem, {std::to_string(*item)}));
    action.visibility = found->visibility;
    action.agencies = found->agencies;
  }
  auto existing = actions(occurrence_id);
  if (!existing) return existing.error();
  if (existing->size() >= kMaxActionsPerMeeting)
    return conflict_error(
        "a meeting raises at most " + std::to_string(kMaxActionsPerMeeting) + " actions",
        meaning_of(meetings_meaning::kTooManyActions, {std::to_string(kMaxActionsPerMeeting)}));
  auto insert = impl.connection.prepare(
      "INSERT INTO meeting_actions (occurrence_id, item_id, what, owner, due, visibility, "
      "agencies, created_at, created_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
      "?8) RETURNING id");
  if (!insert) return insert.error();
  insert->bind_all(occurrence_id, item, action.what, action.owner, format_iso_date(action.due),
                   std::string{to_string(action.visibility)}, json(action.agencies).dump(),
                   instant_text(actor.at), actor.by);
  const auto row = insert->step();
  if (!row) return row.error();
  action.id = insert->integer(0);
  if (auto done = insert->step(); !done) return done.error();
  if (auto done = impl.audit(actor, "action add", occurrence_id, json(nullptr), audit_json(action));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return action;
}

Result<MeetingAction> Store::Impl::change_action(std::int64_t action_id, ActionChange change,
                                                 const Actor& actor) {
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  auto before = find_action(connection, action_id);
  if (!before) return before.error();
  MeetingAction after = *before;
  std::string_view verb = "action remove";
  if (change == ActionChange::done) {
    if (!before->open())
      return conflict_error(
          "action " + std::to_string(action_id) + " is done already",
          meaning_of(meetings_meaning::kActionDoneAlready, {std::to_string(action_id)}));
    after.done_at = actor.at;
    after.done_by = actor.by;
    verb = "action done";
  } else if (change == ActionChange::reopen) {
    if (before->open())
      return conflict_error("action " + std::to_string(action_id) + " is open",
                            meaning_of(meetings_meaning::kActionOpen, {std::to_string(action_id)}));
    after.done_at.reset();
    after.done_by.clear();
    verb = "action reopen";
  }
  if (change == ActionChange::remove) {
    auto remove = connection.prepare("DELETE FROM meeting_actions WHERE id = ?1");
    if (!remove) return remove.error();
    if (auto done = remove->run_with(action_id); !done) return done.error();
  } else {
    after.revision = before->revision + 1;
    after.changed_at = actor.at;
    auto update = connection.prepare(
        "UPDATE meeting_actions SET done_at = ?2, done_by = ?3, revision = revision + 1, "
        "changed_at = ?4 WHERE id = ?1");
    if (!update) return update.error();
    if (auto done = update->run_with(
            action_id,
            after.done_at ? std::optional<std::string>{instant_text(*after.done_at)}
                          : std::optional<std::string>{},
            after.done_by.empty() ? std::optional<std::string>{}
                                  : std::optional<std::string>{after.done_by},
            instant_text(actor.at));
        !done)
      return done.error();
  }
  if (auto done = audit(actor, verb, before->occurrence, audit_json(*before),
                        change == ActionChange::remove ? json(nullptr) : audit_json(after));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return change == ActionChange::remove ? *before : after;
}

Result<MeetingAction> Store::complete_action(std::int64_t action_id, const Actor& actor) {
  return impl_->change_action(action_id, ActionChange::done, actor);
}

Result<MeetingAction> Store::reopen_action(std::int64_t action_id, const Actor& actor) {
  return impl_->change_action(action_id, ActionChange::reopen, actor);
}

Result<MeetingAction> Store::remove_action(std::int64_t action_id, const Actor& actor) {
  return impl_->change_action(action_id, ActionChange::remove, actor);
}

}  // namespace torikumi::store
