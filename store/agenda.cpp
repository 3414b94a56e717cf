// Meeting agendas in the database (schema migration 13): items per meeting occurrence in order,
// the agencies that may see a restricted one, and the item each carries over.

#include <algorithm>

#include "engine/meetings/meetings_meaning.hpp"
#include "store/detail/store_impl.hpp"

namespace torikumi::store {

namespace {

#define TORIKUMI_AGENDA_COLUMNS                                                                    \
  "id, occurrence_id, position, title, presenter, minutes, visibility, carried_from, created_at, " \
  "created_by FROM agenda_items "

Result<std::vector<AgendaItem>> read_items(Connection& connection, Statement& statement) {
  std::vector<AgendaItem> items;
  const auto read = statement.each_row([&] {
    items.push_back(AgendaItem{
        .id = statement.integer(0),
        .occurrence = statement.text(1),
        .position = static_cast<int>(statement.integer(2)),
        .title = statement.text(3),
        .presenter = statement.optional_text(4).value_or(""),
        .minutes = static_cast<int>(statement.integer(5)),
        .visibility =
            parse_item_visibility(statement.text(6)).value_or(ItemVisibility::named_agencies),
        .agencies = {},
        .carried_from =
            statement.is_null(7) ? std::nullopt : std::optional<std::int64_t>{statement.integer(7)},
        .created_at = read_instant_or_epoch(statement.text(8)),
        .created_by = statement.text(9)});
  });
  if (!read) return read.error();
  for (AgendaItem& item : items) {
    auto agencies = connection.prepare(
        "SELECT agency FROM agenda_item_agencies WHERE item_id = ?1 ORDER BY position");
    if (!agencies) return agencies.error();
    agencies->bind(1, item.id);
    if (auto each = agencies->each_row([&] { item.agencies.push_back(agencies->text(0)); }); !each)
      return each.error();
  }
  return items;
}

Error unknown_item_error(std::int64_t item_id) {
  return not_found_error(
      "no agenda item " + std::to_string(item_id),
      meaning_of(meetings_meaning::kUnknownAgendaItem, {std::to_string(item_id)}));
}

Result<AgendaItem> find_item(Connection& connection, std::int64_t item_id) {
  auto statement = connection.prepare("SELECT " TORIKUMI_AGENDA_COLUMNS "WHERE id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, item_id);
  auto items = read_items(connection, *statement);
  if (!items) return items.error();
  if (items->empty()) return unknown_item_error(item_id);
  return std::move(items->front());
}

Status write_agencies(Connection& connection, const AgendaItem& item) {
  auto remove = connection.prepare("DELETE FROM agenda_item_agencies WHERE item_id = ?1");
  if (!remove) return remove.error();
  if (auto done = remove->run_with(item.id); !done) return done.error();
  for (std::size_t i = 0; i < item.agencies.size(); ++i) {
    auto insert = connection.prepare(
        "INSERT INTO agenda_item_agencies (item_id, position, agency) VALUES (?1, ?2, ?3)");
    if (!insert) return insert.error();
    if (auto done = insert->run_with(item.id, static_cast<std::int64_t>(i), item.agencies[i]);
        !done)
      return done.error();
  }
  return {};
}

// Writes the positions of `items` as their order in the vector (1, 2, ...), for those that moved.
Status renumber(Connection& connection, std::vector<AgendaItem>& items, const Actor& actor) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const int position = static_cast<int>(i) + 1;
    if (items[i].position == position) continue;
    items[i].position = position;
    auto update = connection.prepare(
        "UPDATE agenda_items SET position = ?2, changed_at = ?3, changed_by = ?4 WHERE id = ?1");
    if (!update) return update.error();
    if (auto done = update->run_with(items[i].id, static_cast<std::int64_t>(position),
                                     instant_text(actor.at), actor.by);
        !done)
      return done.error();
  }
  return {};
}

AgendaItemText text_of(const AgendaItem& item) {
  return AgendaItemText{.title = item.title,
                        .presenter = item.presenter,
                        .minutes = item.minutes,
                        .visibility = item.visibility,
                        .agencies = item.agencies};
}

std::optional<std::string> audit_text_of(const AgendaItem& item) {
  return agenda_item_audit_json(item).dump();
}

}  // namespace

Result<AgendaMeeting> Store::Impl::agenda_meeting(std::string_view occurrence_id,
                                                  const Actor& actor) {
  auto row = writable_occurrence(occurrence_id, actor);
  if (!row) return row.error();
  auto plan = load_plan(row->info.plan);
  if (!plan) return plan.error();
  const Task* task = (*plan)->plan.find_task(row->info.task);
  if (!task || task->kind != TaskKind::meeting)
    return Error{"occurrence " + in_quotes(occurrence_id) + " is not a meeting: it has no agenda",
                 ErrorCode::invalid,
                 meaning_of(meetings_meaning::kAgendaNeedsMeeting,
                            {task ? std::string{to_string(task->kind)} : std::string{}})};
  auto changes = connection.prepare(
      "SELECT kind, agency, role FROM participant_changes WHERE occurrence_id = ?1 ORDER BY "
      "position");
  if (!changes) return changes.error();
  changes->bind(1, occurrence_id);
  std::vector<ParticipantChange> list;
  if (auto read = changes->each_row([&] {
        list.push_back(ParticipantChange{
            .kind = changes->text(0) == "drop" ? ParticipantChange::Kind::drop
                                               : ParticipantChange::Kind::add,
            .agency = changes->text(1),
            .role = parse_participant_role(changes->text(2)).value_or(ParticipantRole::required)});
      });
      !read)
    return read.error();
  auto participants = occurrence_participants(standing_participants((*plan)->plan, *task), list);
  if (!participants) return participants.error();
  const MeetingType& type = meeting_type_of((*plan)->plan, *task);
  return AgendaMeeting{.row = std::move(*row),
                       .plan = std::move(*plan),
                       .type = &type,
                       .participants = std::move(*participants)};
}

Result<std::vector<AgendaItem>> Store::Impl::read_agenda(std::string_view occurrence_id) {
  auto statement = connection.prepare("SELECT " TORIKUMI_AGENDA_COLUMNS
                                      "WHERE occurrence_id = ?1 ORDER BY position");
  if (!statement) return statement.error();
  statement->bind(1, occurrence_id);
  return read_items(connection, *statement);
}

Result<AgendaItemWrite> Store::Impl::begin_agenda_item_write(std::int64_t item_id,
                                                             const Actor& actor) {
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  auto before = find_item(connection, item_id);
  if (!before) return before.error();
  auto meeting = agenda_meeting(before->occurrence, actor);
  if (!meeting) return meeting.error();
  return AgendaItemWrite{.transaction = std::move(*transaction),
                         .before = std::move(*before),
                         .meeting = std::move(*meeting)};
}

Result<std::vector<AgendaItem>> Store::agenda(std::string_view occurrence_id) {
  return impl_->read_agenda(occurrence_id);
}

Result<AgendaItem> Store::agenda_item(std::int64_t item_id) {
  return find_item(impl_->connection, item_id);
}

namespace {

// Inserts `text` (settled) at the end of the occurrence's agenda.
Result<AgendaItem> insert_item(Connection& connection, const AgendaMeeting& meeting,
                               const AgendaItemText& text, std::size_t items,
                               std::optional<std::int64_t> carried_from, const Actor& actor) {
  if (items >= kMaxAgendaItems)
    return conflict_error(
        "an occurrence's agenda holds at most " + std::to_string(kMaxAgendaItems) + " items",
        meaning_of(meetings_meaning::kTooManyAgendaItems, {std::to_string(kMaxAgendaItems)}));
  auto insert = connection.prepare(
      "INSERT INTO agenda_items (occurrence_id, position, title, presenter, minutes, visibility, "
      "carried_from, created_at, created_by, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, "
      "?6, ?7, ?8, ?9, ?8, ?9) RETURNING id");
  if (!insert) return insert.error();
  const std::string at = instant_text(actor.at);
  const std::string visibility{to_string(*text.visibility)};
  insert->bind_all(meeting.row.info.id, static_cast<std::int64_t>(items + 1), text.title,
                   text.presenter.empty() ? std::optional<std::string>{}
                                          : std::optional<std::string>{text.presenter},
                   static_cast<std::int64_t>(text.minutes), visibility, carried_from, at, actor.by);
  const auto row = insert->step();
  if (!row) return row.error();
  AgendaItem item{.id = insert->integer(0),
                  .occurrence = meeting.row.info.id,
                  .position = static_cast<int>(items + 1),
                  .title = text.title,
                  .presenter = text.presenter,
                  .minutes = text.minutes,
                  .visibility = *text.visibility,
                  .agencies = text.agencies,
                  .carried_from = carried_from,
                  .created_at = actor.at,
                  .created_by = actor.by};
  if (auto done = insert->step(); !done) return done.error();
  if (auto done = write_agencies(connection, item); !done) return done.error();
  return item;
}

}  // namespace

Result<AgendaItem> Store::add_agenda_item(std::string_view occurrence_id,
                                          const AgendaItemText& item, const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto meeting = impl.agenda_meeting(occurrence_id, actor);
  if (!meeting) return meeting.error();
  auto settled = settle_agenda_item(item, *meeting->type, meeting->participants);
  if (!settled) return settled.error();
  auto items = impl.read_agenda(occurrence_id);
  if (!items) return items.error();
  auto added = insert_item(impl.connection, *meeting, *settled, items->size(), std::nullopt, actor);
  if (!added) return added.error();
  if (auto done =
          impl.audit_text(actor, "agenda add", occurrence_id, std::nullopt, audit_text_of(*added));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return added;
}

Result<AgendaItem> Store::edit_agenda_item(std::int64_t item_id, const AgendaItemText& item,
                                           const Actor& actor) {
  Impl& impl = *impl_;
  auto write = impl.begin_agenda_item_write(item_id, actor);
  if (!write) return write.error();
  auto& [transaction, before, meeting] = *write;
  auto settled = settle_agenda_item(item, *meeting.type, meeting.participants);
  if (!settled) return settled.error();
  if (*settled == text_of(before)) return before;
  AgendaItem after = before;
  after.title = settled->title;
  after.presenter = settled->presenter;
  after.minutes = settled->minutes;
  after.visibility = *settled->visibility;
  after.agencies = settled->agencies;
  auto update = impl.connection.prepare(
      "UPDATE agenda_items SET title = ?2, presenter = ?3, minutes = ?4, visibility = ?5, "
      "changed_at = ?6, changed_by = ?7 WHERE id = ?1");
  if (!update) return update.error();
  if (auto done = update->run_with(
          item_id, after.title,
          after.presenter.empty() ? std::optional<std::string>{}
                                  : std::optional<std::string>{after.presenter},
          static_cast<std::int64_t>(after.minutes), std::string{to_string(after.visibility)},
          instant_text(actor.at), actor.by);
      !done)
    return done.error();
  if (auto done = write_agencies(impl.connection, after); !done) return done.error();
  if (auto done = impl.audit_text(actor, "agenda edit", after.occurrence, audit_text_of(before),
                                  audit_text_of(after));
      !done)
    return done.error();
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return after;
}

Result<AgendaItem> Store::move_agenda_item(std::int64_t item_id, int position, const Actor& actor) {
  Impl& impl = *impl_;
  auto write = impl.begin_agenda_item_write(item_id, actor);
  if (!write) return write.error();
  auto& [transaction, before, meeting] = *write;
  auto items = impl.read_agenda(before.occurrence);
  if (!items) return items.error();
  if (position < 1 || static_cast<std::size_t>(position) > items->size())
    return Error{"an agenda item's position is 1 to " + std::to_string(items->size()) + ", got " +
                     std::to_string(position),
                 ErrorCode::invalid,
                 meaning_of(meetings_meaning::kAgendaPosition,
                            {std::to_string(position), std::to_string(items->size())})};
  if (position == before.position) return before;
  const auto found = std::find_if(items->begin(), items->end(),
                                  [&](const AgendaItem& item) { return item.id == item_id; });
  AgendaItem moving = std::move(*found);
  items->erase(found);
  items->insert(items->begin() + (position - 1), std::move(moving));
  if (auto done = renumber(impl.connection, *items, actor); !done) return done.error();
  const AgendaItem after = (*items)[static_cast<std::size_t>(position - 1)];
  if (auto done = impl.audit_text(actor, "agenda move", after.occurrence, audit_text_of(before),
                                  audit_text_of(after));
      !done)
    return done.error();
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return after;
}

Result<AgendaItem> Store::remove_agenda_item(std::int64_t item_id, const Actor& actor) {
  Impl& impl = *impl_;
  auto write = impl.begin_agenda_item_write(item_id, actor);
  if (!write) return write.error();
  auto& [transaction, before, meeting] = *write;
  // An item carried over elsewhere stays its source: the copy forgets where it came from.
  auto forget = impl.connection.prepare(
      "UPDATE agenda_items SET carried_from = NULL WHERE carried_from = ?1");
  if (!forget) return forget.error();
  if (auto done = forget->run_with(item_id); !done) return done.error();
  auto remove = impl.connection.prepare("DELETE FROM agenda_items WHERE id = ?1");
  if (!remove) return remove.error();
  if (auto done = remove->run_with(item_id); !done) return done.error();
  auto items = impl.read_agenda(before.occurrence);
  if (!items) return items.error();
  if (auto done = renumber(impl.connection, *items, actor); !done) return done.error();
  if (auto done = impl.audit_text(actor, "agenda remove", before.occurrence, audit_text_of(before),
                                  std::nullopt);
      !done)
    return done.error();
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return before;
}

Result<AgendaItem> Store::carry_over_agenda_item(std::int64_t item_id,
                                                 std::string_view occurrence_id,
                                                 const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto source = find_item(impl.connection, item_id);
  if (!source) return source.error();
  auto meeting = impl.agenda_meeting(occurrence_id, actor);
  if (!meeting) return meeting.error();
  auto from = impl.find_occurrence(source->occurrence);
  if (!from) return from.error();
  // The same meeting held earlier: the same plan, and the same series (or task).
  const OccurrenceInfo& target = meeting->row.info;
  const Plan& plan = meeting->plan->plan;
  const Task* from_task = *from ? plan.find_task((*from)->info.task) : nullptr;
  const Task* to_task = plan.find_task(target.task);
  if (!*from || !from_task || !to_task || (*from)->info.plan != target.plan ||
      activity_id(*from_task) != activity_id(*to_task) || (*from)->info.start >= target.start)
    return Error{"agenda item " + std::to_string(item_id) + " is of " +
                     in_quotes(source->occurrence) + ", not of an earlier occurrence of " +
                     in_quotes(occurrence_id) + "'s meeting",
                 ErrorCode::invalid,
                 meaning_of(meetings_meaning::kCarryFromOtherMeeting, {source->occurrence})};
  auto items = impl.read_agenda(occurrence_id);
  if (!items) return items.error();
  if (std::any_of(items->begin(), items->end(),
                  [&](const AgendaItem& item) { return item.carried_from == item_id; }))
    return conflict_error("agenda item " + std::to_string(item_id) + " is carried over to " +
                              in_quotes(occurrence_id) + " already",
                          meaning_of(meetings_meaning::kCarriedAlready, {std::to_string(item_id)}));
  auto settled = settle_agenda_item(text_of(*source), *meeting->type, meeting->participants);
  if (!settled) return settled.error();
  auto added = insert_item(impl.connection, *meeting, *settled, items->size(), item_id, actor);
  if (!added) return added.error();
  if (auto done = impl.audit_text(actor, "agenda carry", occurrence_id, std::nullopt,
                                  audit_text_of(*added));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return added;
}

}  // namespace torikumi::store
