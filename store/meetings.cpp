// Meetings in the database (schema migration 11): participants per occurrence, invitations, their
// attendees and answers, counter-proposals, and the messages each send entered in the outbox.

#include <algorithm>

#include "engine/meetings/meetings_meaning.hpp"
#include "store/detail/outbox_rows.hpp"
#include "store/detail/store_impl.hpp"
#include "store/secrets.hpp"
#include "store/store_meaning.hpp"

namespace torikumi::store {

namespace {

json shape_json(const MeetingShape& shape) {
  return json{{"title", shape.title},
              {"start", instant_text(shape.start)},
              {"end", instant_text(shape.end)},
              {"place", shape.place},
              {"cancelled", shape.cancelled}};
}

Result<MeetingShape> read_shape(const std::string& text) {
  const json value = json::parse(text, nullptr, false);
  const auto start = value.is_object() && value.contains("start") && value["start"].is_string()
                         ? parse_rfc3339(value["start"].get<std::string>())
                         : std::nullopt;
  const auto end = value.is_object() && value.contains("end") && value["end"].is_string()
                       ? parse_rfc3339(value["end"].get<std::string>())
                       : std::nullopt;
  if (!start || !end || !value["title"].is_string() || !value["place"].is_string() ||
      !value["cancelled"].is_boolean())
    return internal_error("an invitation's stored shape is unreadable: " + text);
  return MeetingShape{.title = value["title"].get<std::string>(),
                      .start = *start,
                      .end = *end,
                      .place = value["place"].get<std::string>(),
                      .cancelled = value["cancelled"].get<bool>()};
}

Result<ParticipantRole> read_role(const std::string& text) {
  const auto role = parse_participant_role(text);
  if (!role) return internal_error("a stored participant role is unknown: " + text);
  return *role;
}

// Rows of occurrence_id, kind, agency, role, in each occurrence's order: the changes by
// occurrence.
Result<std::map<std::string, std::vector<ParticipantChange>, std::less<>>> read_participant_changes(
    Statement& statement) {
  std::map<std::string, std::vector<ParticipantChange>, std::less<>> changes;
  std::optional<Error> problem;
  const auto read = statement.each_row([&] {
    auto role = read_role(statement.text(3));
    if (!role) {
      problem = role.error();
      return;
    }
    changes[statement.text(0)].push_back(
        ParticipantChange{.kind = statement.text(1) == "drop" ? ParticipantChange::Kind::drop
                                                              : ParticipantChange::Kind::add,
                          .agency = statement.text(2),
                          .role = *role});
  });
  if (!read) return read.error();
  if (problem) return *problem;
  return changes;
}

std::string changes_json(const std::vector<ParticipantChange>& changes) {
  json list = json::array();
  for (const ParticipantChange& change : changes)
    list.push_back({{"kind", change.kind == ParticipantChange::Kind::add ? "add" : "drop"},
                    {"agency", change.agency},
                    {"role", to_string(change.role)}});
  return list.dump();
}

Error no_longer_invited_error(const InvitedPerson& person, const std::string& occurrence) {
  return conflict_error(person.agency + " " + person.name + " is no longer invited to occurrence " +
                            in_quotes(occurrence),
                        meaning_of(store_meaning::kNoLongerInvited, {occurrence}));
}

Error unknown_token_error() {
  return not_found_error("no invitation has this reply token",
                         meaning_of(store_meaning::kUnknownReplyToken));
}

// The invitation row's id and its attendee's, found by reply token.
struct TokenRow {
  std::int64_t invitation_id = 0;
  std::string occurrence;
  InvitedPerson person;
  bool invited = true;
  std::optional<Answer> answer;
};

Result<Answer> read_answer_columns(Statement& statement, int first) {
  // answer, comment, delegate, channel, answer_sequence, answer_stamp, answered_at
  const auto state = parse_answer_state(statement.text(first));
  const auto channel = parse_answer_channel(statement.text(first + 3));
  if (!state || !channel)
    return internal_error("a stored answer is unreadable: " + statement.text(first) + " by " +
                          statement.text(first + 3));
  return Answer{.state = *state,
                .comment = statement.optional_text(first + 1).value_or(""),
                .delegate = statement.optional_text(first + 2).value_or(""),
                .channel = *channel,
                .sequence = static_cast<std::uint32_t>(statement.integer(first + 4)),
                .stamp = read_instant(statement.optional_text(first + 5)),
                .received_at = read_instant_or_epoch(statement.text(first + 6))};
}

// Connection::prepare caches statements by the address of their text: every SQL text here is a
// literal, joined by the preprocessor, never a string built at run time.
#define TORIKUMI_ATTENDEE_COLUMNS                                                            \
  "a.email, a.name, a.agency, a.role, a.token, a.invited, a.answer, a.comment, a.delegate, " \
  "a.channel, a.answer_sequence, a.answer_stamp, a.answered_at"

Result<StoredAttendee> read_attendee(Statement& statement, int first) {
  auto role = read_role(statement.text(first + 3));
  if (!role) return role.error();
  StoredAttendee attendee{.person = InvitedPerson{.email = statement.text(first),
                                                  .name = statement.text(first + 1),
                                                  .agency = statement.text(first + 2),
                                                  .role = *role},
                          .token = statement.text(first + 4),
                          .invited = statement.integer(first + 5) != 0};
  if (!statement.is_null(first + 6)) {
    auto answer = read_answer_columns(statement, first + 6);
    if (!answer) return answer.error();
    attendee.answer = std::move(*answer);
  }
  return attendee;
}

Result<std::optional<TokenRow>> find_token(Connection& connection, std::string_view token) {
  auto statement = connection.prepare(
      "SELECT i.id, i.occurrence_id, " TORIKUMI_ATTENDEE_COLUMNS
      " FROM invitation_attendees a JOIN invitations i ON i.id = a.invitation_id "
      "WHERE a.token = ?1");
  if (!statement) return statement.error();
  statement->bind(1, token);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<TokenRow>{};
  auto attendee = read_attendee(*statement, 2);
  if (!attendee) return attendee.error();
  return std::optional<TokenRow>{TokenRow{.invitation_id = statement->integer(0),
                                          .occurrence = statement->text(1),
                                          .person = std::move(attendee->person),
                                          .invited = attendee->invited,
                                          .answer = std::move(attendee->answer)}};
}

#define TORIKUMI_INVITATION_SELECT                                                     \
  "SELECT id, plan_id, occurrence_id, uid, sequence, shape, messages, first_sent_at, " \
  "last_sent_at FROM invitations "

enum class InvitationsOf { occurrence, plan };

Result<std::vector<StoredInvitation>> read_invitations(Connection& connection, InvitationsOf of,
                                                       std::string_view value) {
  auto statement = connection.prepare(of == InvitationsOf::occurrence ? TORIKUMI_INVITATION_SELECT
                                          "WHERE occurrence_id = ?1"
                                                                      : TORIKUMI_INVITATION_SELECT
                                          "WHERE plan_id = ?1 ORDER BY occurrence_id");
  if (!statement) return statement.error();
  statement->bind(1, value);
  std::vector<std::pair<std::int64_t, StoredInvitation>> found;
  std::optional<Error> problem;
  const auto read = statement->each_row([&] {
    auto shape = read_shape(statement->text(5));
    if (!shape) {
      problem = shape.error();
      return;
    }
    StoredInvitation invitation{
        .plan = statement->text(1),
        .occurrence = statement->text(2),
        .uid = statement->text(3),
        .sent = SentInvitation{.sequence = static_cast<std::uint32_t>(statement->integer(4)),
                               .shape = std::move(*shape),
                               .attendees = {}},
        .attendees = {},
        .messages = static_cast<int>(statement->integer(6)),
        .first_sent_at = read_instant_or_epoch(statement->text(7)),
        .last_sent_at = read_instant_or_epoch(statement->text(8))};
    found.emplace_back(statement->integer(0), std::move(invitation));
  });
  if (!read) return read.error();
  if (problem) return *problem;

  std::vector<StoredInvitation> invitations;
  for (auto& [id, invitation] : found) {
    auto attendees = connection.prepare("SELECT " TORIKUMI_ATTENDEE_COLUMNS
                                        " FROM invitation_attendees a WHERE a.invitation_id = ?1 "
                                        "ORDER BY a.position");
    if (!attendees) return attendees.error();
    attendees->bind(1, id);
    const auto each = attendees->each_row([&] {
      auto attendee = read_attendee(*attendees, 0);
      if (!attendee) {
        problem = attendee.error();
        return;
      }
      if (attendee->invited) invitation.sent.attendees.push_back(attendee->person);
      invitation.attendees.push_back(std::move(*attendee));
    });
    if (!each) return each.error();
    if (problem) return *problem;
    invitations.push_back(std::move(invitation));
  }
  return invitations;
}

Result<std::optional<std::int64_t>> invitation_id_of(Connection& connection,
                                                     std::string_view occurrence_id) {
  auto statement = connection.prepare("SELECT id FROM invitations WHERE occurrence_id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, occurrence_id);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{statement->integer(0)};
}

std::string delivery_summary(const std::vector<std::string>& states) {
  // One word for a message's deliveries (one per endpoint): delivered when any endpoint took it.
  for (const std::string_view state : {"delivered", "pending", "dead", "withdrawn"})
    if (std::find(states.begin(), states.end(), state) != states.end()) return std::string{state};
  return "none";
}

StoredCounter read_counter(Statement& statement) {
  // id, occurrence, email, proposed_start, proposed_end, comment, sequence, received_at, state,
  // decided_at, decided_by
  const std::string state = statement.text(8);
  return StoredCounter{.id = statement.integer(0),
                       .occurrence = statement.text(1),
                       .email = statement.text(2),
                       .proposed_start = read_instant_or_epoch(statement.text(3)),
                       .proposed_end = read_instant(statement.optional_text(4)),
                       .comment = statement.text(5),
                       .sequence = static_cast<std::uint32_t>(statement.integer(6)),
                       .received_at = read_instant_or_epoch(statement.text(7)),
                       .state = state == "accepted"   ? CounterState::accepted
                                : state == "declined" ? CounterState::declined
                                                      : CounterState::open,
                       .decided_at = read_instant(statement.optional_text(9)),
                       .decided_by = statement.optional_text(10).value_or("")};
}

#define TORIKUMI_COUNTER_SELECT                                                                \
  "SELECT c.id, i.occurrence_id, c.email, c.proposed_start, c.proposed_end, c.comment, "       \
  "c.sequence, c.received_at, c.state, c.decided_at, c.decided_by FROM invitation_counters c " \
  "JOIN invitations i ON i.id = c.invitation_id "

}  // namespace

std::string_view to_string(CounterState state) {
  switch (state) {
    case CounterState::open:
      return "open";
    case CounterState::accepted:
      return "accepted";
    case CounterState::declined:
      return "declined";
  }
  return "open";
}

const StoredAttendee* StoredInvitation::attendee_with_token(std::string_view token) const {
  for (const StoredAttendee& attendee : attendees)
    if (attendee.token == token) return &attendee;
  return nullptr;
}

const StoredAttendee* StoredInvitation::attendee_with_email(std::string_view email) const {
  for (const StoredAttendee& attendee : attendees)
    if (attendee.person.email == email) return &attendee;
  return nullptr;
}

Result<std::vector<ParticipantChange>> Store::participant_changes(std::string_view occurrence_id) {
  auto statement = impl_->connection.prepare(
      "SELECT occurrence_id, kind, agency, role FROM participant_changes WHERE occurrence_id = ?1 "
      "ORDER BY position");
  if (!statement) return statement.error();
  statement->bind(1, occurrence_id);
  auto changes = read_participant_changes(*statement);
  if (!changes) return changes.error();
  if (changes->empty()) return std::vector<ParticipantChange>{};
  return std::move(changes->begin()->second);
}

Result<std::map<std::string, std::vector<ParticipantChange>, std::less<>>>
Store::plan_participant_changes(std::string_view plan_id, int fiscal_year) {
  auto statement = impl_->connection.prepare(
      "SELECT c.occurrence_id, c.kind, c.agency, c.role FROM participant_changes c JOIN "
      "occurrences o ON o.id = c.occurrence_id WHERE o.plan_id = ?1 AND o.fiscal_year = ?2 "
      "ORDER BY c.occurrence_id, c.position");
  if (!statement) return statement.error();
  statement->bind_all(plan_id, fiscal_year);
  return read_participant_changes(*statement);
}

Status Store::set_participant_changes(std::string_view occurrence_id,
                                      const std::vector<ParticipantChange>& changes,
                                      const Actor& actor) {
  auto row = impl_->writable_occurrence(occurrence_id, actor);
  if (!row) return row.error();
  const OccurrenceInfo* info = &row->info;
  auto plan = impl_->load_plan(info->plan);
  if (!plan) return plan.error();
  const Task* task = (*plan)->plan.find_task(info->task);
  if (!task || task->kind != TaskKind::meeting)
    return Error{"occurrence " + in_quotes(occurrence_id) + " is not a meeting", ErrorCode::invalid,
                 meaning_of(meetings_meaning::kParticipantsNeedMeeting,
                            {task ? std::string{to_string(task->kind)} : std::string{}})};
  // The changes must apply to the standing participants (a drop of an agency not there fails).
  if (auto applied = occurrence_participants(standing_participants((*plan)->plan, *task), changes);
      !applied)
    return applied.error();

  Impl& impl = *impl_;
  auto before = participant_changes(occurrence_id);
  if (!before) return before.error();
  if (*before == changes) return {};
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto remove = impl.connection.prepare("DELETE FROM participant_changes WHERE occurrence_id = ?1");
  if (!remove) return remove.error();
  if (auto done = remove->run_with(occurrence_id); !done) return done.error();
  for (std::size_t i = 0; i < changes.size(); ++i) {
    auto insert = impl.connection.prepare(
        "INSERT INTO participant_changes (occurrence_id, position, kind, agency, role) VALUES "
        "(?1, ?2, ?3, ?4, ?5)");
    if (!insert) return insert.error();
    if (auto done =
            insert->run_with(occurrence_id, static_cast<std::int64_t>(i),
                             changes[i].kind == ParticipantChange::Kind::add ? "add" : "drop",
                             changes[i].agency, to_string(changes[i].role));
        !done)
      return done.error();
  }
  if (auto done =
          impl.audit_text(actor, "participants set", occurrence_id,
                          before->empty() ? std::nullopt : std::optional{changes_json(*before)},
                          changes.empty() ? std::nullopt : std::optional{changes_json(changes)});
      !done)
    return done.error();
  return transaction->commit();
}

Result<std::optional<StoredInvitation>> Store::invitation(std::string_view occurrence_id) {
  auto found = read_invitations(impl_->connection, InvitationsOf::occurrence, occurrence_id);
  if (!found) return found.error();
  if (found->empty()) return std::optional<StoredInvitation>{};
  return std::optional<StoredInvitation>{std::move(found->front())};
}

Result<std::optional<StoredInvitation>> Store::invitation_by_token(std::string_view token) {
  auto found = find_token(impl_->connection, token);
  if (!found) return found.error();
  if (!*found) return std::optional<StoredInvitation>{};
  return invitation((*found)->occurrence);
}

Result<std::vector<StoredInvitation>> Store::invitations(std::string_view plan_id) {
  return read_invitations(impl_->connection, InvitationsOf::plan, plan_id);
}

Status Store::record_invitation(const InvitationRecord& record,
                                std::span<const std::string> endpoints, const Actor& actor) {
  if (record.messages.empty()) return {};
  Impl& impl = *impl_;
  Connection& connection = impl.connection;
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  const std::string at = instant_text(record.at);
  const std::string shape = shape_json(record.after.shape).dump();
  const auto messages = static_cast<std::int64_t>(record.messages.size());

  auto id = invitation_id_of(connection, record.occurrence);
  if (!id) return id.error();
  const Error changed_meanwhile =
      conflict_error("the invitation of occurrence " + in_quotes(record.occurrence) +
                         " was sent by someone else meanwhile; look at it again before sending",
                     meaning_of(store_meaning::kInvitationChanged, {record.occurrence}));
  if (!*id) {
    if (record.expected_messages != 0) return changed_meanwhile;
    auto insert = connection.prepare(
        "INSERT INTO invitations (plan_id, occurrence_id, uid, sequence, shape, messages, "
        "first_sent_at, last_sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
    if (!insert) return insert.error();
    if (auto done =
            insert->run_with(record.plan, record.occurrence, record.uid,
                             static_cast<std::int64_t>(record.after.sequence), shape, messages, at);
        !done)
      return done.error();
    auto inserted = connection.query_integer("SELECT last_insert_rowid()");
    if (!inserted) return inserted.error();
    id = std::optional{*inserted};
  } else {
    auto update = connection.prepare(
        "UPDATE invitations SET sequence = ?2, shape = ?3, messages = messages + ?4, "
        "last_sent_at = ?5 WHERE id = ?1 AND messages = ?6");
    if (!update) return update.error();
    if (auto done =
            update->run_with(**id, static_cast<std::int64_t>(record.after.sequence), shape,
                             messages, at, static_cast<std::int64_t>(record.expected_messages));
        !done)
      return done.error();
    if (connection.changes() == 0) return changed_meanwhile;
  }
  const std::int64_t invitation_id = **id;

  // Attendees: everyone with a token; invited when the invitation's attendees list them now.
  for (const auto& [email, token] : record.tokens) {
    const auto now =
        std::find_if(record.after.attendees.begin(), record.after.attendees.end(),
                     [&](const InvitedPerson& person) { return person.email == email; });
    const bool invited = now != record.after.attendees.end();
    auto existing = connection.prepare(
        "SELECT token FROM invitation_attendees WHERE invitation_id = ?1 AND email = ?2");
    if (!existing) return existing.error();
    existing->bind_all(invitation_id, email);
    const auto found = existing->step();
    if (!found) return found.error();
    if (*found) {
      if (existing->text(0) != token)
        return internal_error("a send gave attendee " + in_quotes(email) + " another token");
      auto update = connection.prepare(
          invited ? "UPDATE invitation_attendees SET invited = 1, name = ?3, agency = ?4, role = "
                    "?5 WHERE invitation_id = ?1 AND email = ?2"
                  : "UPDATE invitation_attendees SET invited = 0 WHERE invitation_id = ?1 AND "
                    "email = ?2");
      if (!update) return update.error();
      update->bind_all(invitation_id, email);
      if (invited)
        update->bind_all(invitation_id, email, now->name, now->agency, to_string(now->role));
      if (auto done = update->run(); !done) return done.error();
      continue;
    }
    if (!invited) continue;  // a token for someone never invited: nothing to keep
    auto insert = connection.prepare(
        "INSERT INTO invitation_attendees (invitation_id, email, position, name, agency, role, "
        "token, invited) VALUES (?1, ?2, (SELECT COUNT(*) FROM invitation_attendees WHERE "
        "invitation_id = ?1), ?3, ?4, ?5, ?6, 1)");
    if (!insert) return insert.error();
    if (auto done = insert->run_with(invitation_id, email, now->name, now->agency,
                                     to_string(now->role), token);
        !done)
      return done.error();
  }

  const auto disabled = detail::disabled_endpoints_of(connection, endpoints);
  if (!disabled) return disabled.error();
  for (const InvitationMessage& message : record.messages) {
    auto insert = connection.prepare(
        "INSERT INTO reminders (id, plan_id, occurrence_id, rule, send_at, subject, payload, "
        "state, enqueued_at, changed_at, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'active', ?5, "
        "?5, 'invitation')");
    if (!insert) return insert.error();
    if (auto done =
            insert->run_with(message.outbox_id, record.plan, record.occurrence,
                             "invitation-" + message.notice, at, message.subject, message.payload);
        !done)
      return done.error();
    if (auto entered =
            detail::insert_deliveries(connection, message.outbox_id, endpoints, *disabled, at);
        !entered)
      return entered.error();
    auto history = connection.prepare(
        "INSERT INTO invitation_messages (outbox_id, invitation_id, method, notice, sequence, "
        "email, entered_at, entered_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!history) return history.error();
    if (auto done = history->run_with(message.outbox_id, invitation_id, message.method,
                                      message.notice, static_cast<std::int64_t>(message.sequence),
                                      message.email, at, actor.by);
        !done)
      return done.error();
  }

  if (record.declined_counter) {
    auto decide = connection.prepare(
        "UPDATE invitation_counters SET state = 'declined', decided_at = ?2, decided_by = ?3 "
        "WHERE id = ?1 AND invitation_id = ?4 AND state = 'open'");
    if (!decide) return decide.error();
    if (auto done = decide->run_with(*record.declined_counter, at, actor.by, invitation_id); !done)
      return done.error();
    if (connection.changes() == 0)
      return conflict_error(
          "counter-proposal " + std::to_string(*record.declined_counter) + " is not open",
          meaning_of(store_meaning::kCounterDecided, {std::to_string(*record.declined_counter)}));
  }

  json counts = json::object();
  for (const InvitationMessage& message : record.messages)
    counts[message.notice] = counts.value(message.notice, 0) + 1;
  json after{{"sequence", record.after.sequence},
             {"shape", shape_json(record.after.shape)},
             {"attendees", record.after.attendees.size()},
             {"messages", counts}};
  if (auto done = impl.audit(actor, "invitation send", record.occurrence, json(nullptr), after);
      !done)
    return done.error();
  return transaction->commit();
}

Result<std::vector<SentMessage>> Store::invitation_messages(std::string_view occurrence_id) {
  auto statement = impl_->connection.prepare(
      "SELECT m.outbox_id, m.method, m.notice, m.sequence, m.email, m.entered_at, m.entered_by "
      "FROM invitation_messages m JOIN invitations i ON i.id = m.invitation_id WHERE "
      "i.occurrence_id = ?1 ORDER BY m.entered_at DESC, m.outbox_id DESC");
  if (!statement) return statement.error();
  statement->bind(1, occurrence_id);
  std::vector<SentMessage> messages;
  const auto read = statement->each_row([&] {
    messages.push_back(SentMessage{.outbox_id = statement->text(0),
                                   .method = statement->text(1),
                                   .notice = statement->text(2),
                                   .sequence = static_cast<std::uint32_t>(statement->integer(3)),
                                   .email = statement->text(4),
                                   .entered_at = read_instant_or_epoch(statement->text(5)),
                                   .entered_by = statement->text(6),
                                   .delivery = {}});
  });
  if (!read) return read.error();
  for (SentMessage& message : messages) {
    auto states = impl_->connection.prepare("SELECT state FROM deliveries WHERE reminder_id = ?1");
    if (!states) return states.error();
    states->bind(1, message.outbox_id);
    std::vector<std::string> each;
    if (auto done = states->each_row([&] { each.push_back(states->text(0)); }); !done)
      return done.error();
    message.delivery = delivery_summary(each);
  }
  return messages;
}

Result<AnswerOutcome> Store::record_answer(const AnswerRequest& request, const Actor& actor) {
  Impl& impl = *impl_;
  Connection& connection = impl.connection;
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  auto found = find_token(connection, request.token);
  if (!found) return found.error();
  if (!*found) return unknown_token_error();
  const TokenRow& row = **found;
  AnswerOutcome outcome{.verdict = AnswerVerdict::applied,
                        .replay = false,
                        .occurrence = row.occurrence,
                        .attendee = row.person};
  {
    auto seen = connection.prepare("SELECT verdict FROM invitation_answers WHERE fingerprint = ?1");
    if (!seen) return seen.error();
    seen->bind(1, request.fingerprint);
    const auto was = seen->step();
    if (!was) return was.error();
    if (*was) {
      outcome.replay = true;
      const std::string verdict = seen->text(0);
      outcome.verdict = verdict == "stale"       ? AnswerVerdict::stale
                        : verdict == "unchanged" ? AnswerVerdict::unchanged
                                                 : AnswerVerdict::applied;
      return outcome;
    }
  }
  if (!row.invited) return no_longer_invited_error(row.person, row.occurrence);

  Answer answer = request.answer;
  answer.comment = bounded_answer_text(answer.comment, kMaxAnswerCommentBytes);
  answer.delegate = answer.state == AnswerState::delegated
                        ? bounded_answer_text(answer.delegate, kMaxDelegateBytes)
                        : std::string{};
  outcome.verdict = weigh_answer(row.answer, answer);
  const std::string received = instant_text(answer.received_at);
  const std::optional<std::string> stamp =
      answer.stamp ? std::optional{instant_text(*answer.stamp)} : std::nullopt;
  auto history = connection.prepare(
      "INSERT INTO invitation_answers (invitation_id, email, answer, comment, delegate, channel, "
      "sequence, stamp, received_at, recorded_by, verdict, fingerprint) VALUES (?1, ?2, ?3, ?4, "
      "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!history) return history.error();
  history->bind_all(row.invitation_id, row.person.email, to_string(answer.state), answer.comment,
                    answer.delegate, to_string(answer.channel),
                    static_cast<std::int64_t>(answer.sequence));
  history->bind(8, stamp);
  history->bind(9, received);
  history->bind(10, actor.by);
  history->bind(11, to_string(outcome.verdict));
  history->bind(12, request.fingerprint);
  if (auto done = history->run(); !done) return done.error();

  if (outcome.verdict == AnswerVerdict::applied) {
    auto update = connection.prepare(
        "UPDATE invitation_attendees SET answer = ?3, comment = ?4, delegate = ?5, channel = ?6, "
        "answer_sequence = ?7, answer_stamp = ?8, answered_at = ?9 WHERE invitation_id = ?1 AND "
        "email = ?2");
    if (!update) return update.error();
    update->bind_all(row.invitation_id, row.person.email, to_string(answer.state), answer.comment,
                     answer.delegate, to_string(answer.channel),
                     static_cast<std::int64_t>(answer.sequence));
    update->bind(8, stamp);
    update->bind(9, received);
    if (auto done = update->run(); !done) return done.error();
    const auto summary = [&](const std::optional<Answer>& value) {
      return json{{"agency", row.person.agency},
                  {"answer", value ? to_string(value->state) : "none"},
                  {"channel", value ? json(to_string(value->channel)) : json(nullptr)}};
    };
    if (auto done = impl.audit(actor, "answer", row.occurrence,
                               row.answer ? summary(row.answer) : json(nullptr), summary(answer));
        !done)
      return done.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return outcome;
}

Result<std::vector<AnswerHistoryEntry>> Store::answer_history(std::string_view occurrence_id) {
  auto statement = impl_->connection.prepare(
      "SELECT a.email, a.answer, a.comment, a.delegate, a.channel, a.sequence, a.stamp, "
      "a.received_at, a.verdict, a.recorded_by FROM invitation_answers a JOIN invitations i ON "
      "i.id = a.invitation_id WHERE i.occurrence_id = ?1 ORDER BY a.id");
  if (!statement) return statement.error();
  statement->bind(1, occurrence_id);
  std::vector<AnswerHistoryEntry> entries;
  std::optional<Error> problem;
  const auto read = statement->each_row([&] {
    auto answer = read_answer_columns(*statement, 1);
    if (!answer) {
      problem = answer.error();
      return;
    }
    const std::string verdict = statement->text(8);
    entries.push_back(AnswerHistoryEntry{.email = statement->text(0),
                                         .answer = std::move(*answer),
                                         .verdict = verdict == "stale" ? AnswerVerdict::stale
                                                    : verdict == "unchanged"
                                                        ? AnswerVerdict::unchanged
                                                        : AnswerVerdict::applied,
                                         .recorded_by = statement->text(9)});
  });
  if (!read) return read.error();
  if (problem) return *problem;
  return entries;
}

Result<CounterOutcome> Store::record_counter(const CounterRequest& request, const Actor& actor) {
  Impl& impl = *impl_;
  Connection& connection = impl.connection;
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  auto found = find_token(connection, request.token);
  if (!found) return found.error();
  if (!*found) return unknown_token_error();
  const TokenRow& row = **found;
  {
    auto seen = connection.prepare("SELECT id FROM invitation_counters WHERE fingerprint = ?1");
    if (!seen) return seen.error();
    seen->bind(1, request.fingerprint);
    const auto was = seen->step();
    if (!was) return was.error();
    if (*was)
      return CounterOutcome{.id = seen->integer(0), .replay = true, .occurrence = row.occurrence};
  }
  if (!row.invited) return no_longer_invited_error(row.person, row.occurrence);
  auto insert = connection.prepare(
      "INSERT INTO invitation_counters (invitation_id, email, proposed_start, proposed_end, "
      "comment, sequence, stamp, received_at, state, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
      "?7, ?8, 'open', ?9)");
  if (!insert) return insert.error();
  insert->bind_all(row.invitation_id, row.person.email, instant_text(request.proposed_start));
  insert->bind(
      4, request.proposed_end ? std::optional{instant_text(*request.proposed_end)} : std::nullopt);
  insert->bind(5, bounded_answer_text(request.comment, kMaxAnswerCommentBytes));
  insert->bind(6, static_cast<std::int64_t>(request.sequence));
  insert->bind(7, request.stamp ? std::optional{instant_text(*request.stamp)} : std::nullopt);
  insert->bind(8, instant_text(request.received_at));
  insert->bind(9, request.fingerprint);
  if (auto done = insert->run(); !done) return done.error();
  auto inserted = connection.query_integer("SELECT last_insert_rowid()");
  if (!inserted) return inserted.error();
  const std::int64_t id = *inserted;
  if (auto done = impl.audit(actor, "counter", row.occurrence, json(nullptr),
                             json{{"agency", row.person.agency},
                                  {"counter", id},
                                  {"proposed_start", instant_text(request.proposed_start)}});
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return CounterOutcome{.id = id, .replay = false, .occurrence = row.occurrence};
}

Result<std::vector<StoredCounter>> Store::counters(std::string_view occurrence_id) {
  auto statement = impl_->connection.prepare(TORIKUMI_COUNTER_SELECT
                                             "WHERE i.occurrence_id = ?1 ORDER BY c.id DESC");
  if (!statement) return statement.error();
  statement->bind(1, occurrence_id);
  std::vector<StoredCounter> counters;
  const auto read = statement->each_row([&] { counters.push_back(read_counter(*statement)); });
  if (!read) return read.error();
  return counters;
}

Result<StoredCounter> Store::counter(std::int64_t id) {
  auto statement = impl_->connection.prepare(TORIKUMI_COUNTER_SELECT "WHERE c.id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row)
    return not_found_error("no counter-proposal " + std::to_string(id),
                           meaning_of(store_meaning::kUnknownCounter, {std::to_string(id)}));
  return read_counter(*statement);
}

Status Store::accept_counter(std::int64_t id, const Actor& actor) {
  auto found = counter(id);
  if (!found) return found.error();
  if (found->state != CounterState::open)
    return conflict_error("counter-proposal " + std::to_string(id) + " is not open",
                          meaning_of(store_meaning::kCounterDecided, {std::to_string(id)}));
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto decide = impl.connection.prepare(
      "UPDATE invitation_counters SET state = 'accepted', decided_at = ?2, decided_by = ?3 "
      "WHERE id = ?1 AND state = 'open'");
  if (!decide) return decide.error();
  if (auto done = decide->run_with(id, instant_text(actor.at), actor.by); !done)
    return done.error();
  if (impl.connection.changes() == 0)
    return conflict_error("counter-proposal " + std::to_string(id) + " is not open",
                          meaning_of(store_meaning::kCounterDecided, {std::to_string(id)}));
  if (auto done = impl.audit(
          actor, "counter accept", found->occurrence, json(nullptr),
          json{{"counter", id}, {"proposed_start", instant_text(found->proposed_start)}});
      !done)
    return done.error();
  return transaction->commit();
}

Result<std::string> Store::server_key(std::string_view name, date::sys_seconds now) {
  Connection& connection = impl_->connection;
  auto transaction = Transaction::begin(connection);
  if (!transaction) return transaction.error();
  auto insert = connection.prepare(
      "INSERT INTO server_keys (name, key, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO "
      "NOTHING");
  if (!insert) return insert.error();
  if (auto done = insert->run_with(name, make_secret(SecretKind::csrf), instant_text(now)); !done)
    return done.error();
  std::string key;
  {
    auto select = connection.prepare("SELECT key FROM server_keys WHERE name = ?1");
    if (!select) return select.error();
    select->bind(1, name);
    const auto row = select->step();
    if (!row) return row.error();
    if (!*row) return internal_error("server key " + in_quotes(name) + " was not kept");
    key = select->text(0);
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return key;
}

}  // namespace torikumi::store
