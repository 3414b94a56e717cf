// The directory in the database: Store::directory and its writes. Since schema migration 10 an
// owner's entry is an agency's current contacts (recipients) and leads (escalation)
// (engine/meetings/agency.hpp, store/agencies.cpp); only the entry for the owners not listed is
// kept apart, in directory_owners.

#include "engine/meetings/agency.hpp"
#include "store/detail/agency_rows.hpp"
#include "store/detail/store_impl.hpp"
#include "store/store_meaning.hpp"

namespace torikumi::store {

namespace {

constexpr std::string_view kLists[] = {"recipients", "escalation"};

// The audit log's subjects of the directory start with '@', which no plan id has (is_valid_id),
// so that no plan's history (its id, and what starts with its id and '/') reaches them.
constexpr std::string_view kDirectorySubject = "@directory";

std::string directory_subject(std::optional<std::string_view> owner) {
  return std::string{kDirectorySubject} +
         (owner ? "/owner/" + std::string{*owner} : std::string{"/unlisted"});
}

std::string owner_words(std::optional<std::string_view> owner) {
  return owner ? "owner " + in_quotes(*owner) : std::string{"the entry for owners not listed"};
}

// The owner as a meaning's subject: empty for the entry of the owners not listed.
std::string owner_subject(std::optional<std::string_view> owner) {
  return std::string{owner.value_or("")};
}

// The people of one list of an entry.
std::vector<Recipient>& list_of(DirectoryEntry& entry, std::string_view list) {
  return list == "recipients" ? entry.recipients : entry.escalation;
}
const std::vector<Recipient>& list_of(const DirectoryEntry& entry, std::string_view list) {
  return list == "recipients" ? entry.recipients : entry.escalation;
}

Status check_entry(std::optional<std::string_view> owner, const DirectoryEntry& entry) {
  if (owner)
    if (auto problem = owner_name_problem(*owner)) return std::move(*problem);
  if (entry.recipients.empty())
    return Error{owner_words(owner) + ": an entry needs a recipient", ErrorCode::invalid,
                 meaning_of(store_meaning::kEntryNeedsRecipient, {owner_subject(owner)})};
  for (const auto list : kLists) {
    const auto& people = list_of(entry, list);
    if (people.size() > kMaxPeoplePerList)
      return Error{owner_words(owner) + ": " + std::string{list} + " holds at most " +
                       std::to_string(kMaxPeoplePerList) + " people, got " +
                       std::to_string(people.size()),
                   ErrorCode::invalid,
                   meaning_of(store_meaning::kTooManyPeople,
                              {owner_subject(owner), std::string{list},
                               std::to_string(kMaxPeoplePerList), std::to_string(people.size())})};
    for (const Recipient& person : people) {
      if (!is_plausible_email(person.email))
        return Error{
            owner_words(owner) + ": expected an email address, got " + in_quotes(person.email),
            ErrorCode::invalid,
            meaning_of(store_meaning::kEmailRefused, {owner_subject(owner), person.email})};
      if (person.name.size() > kMaxRecipientNameBytes)
        return Error{owner_words(owner) + ": a name is at most " +
                         std::to_string(kMaxRecipientNameBytes) + " bytes",
                     ErrorCode::invalid,
                     meaning_of(store_meaning::kRecipientNameTooLong,
                                {owner_subject(owner), std::to_string(kMaxRecipientNameBytes)})};
    }
  }
  return {};
}

// The id of the unlisted entry's row, if there is one.
Result<std::optional<std::int64_t>> find_unlisted_row(Connection& connection) {
  auto statement = connection.prepare("SELECT id FROM directory_owners WHERE owner IS NULL");
  if (!statement) return statement.error();
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{statement->integer(0)};
}

Result<std::optional<DirectoryEntry>> read_unlisted(Connection& connection) {
  auto row = find_unlisted_row(connection);
  if (!row) return row.error();
  if (!*row) return std::optional<DirectoryEntry>{};
  auto statement = connection.prepare(
      "SELECT list, name, email FROM directory_people WHERE owner_id = ?1 ORDER BY list, position");
  if (!statement) return statement.error();
  statement->bind(1, **row);
  DirectoryEntry entry;
  const auto read = statement->each_row([&] {
    list_of(entry, statement->text(0)).push_back({statement->text(1), statement->text(2)});
  });
  if (!read) return read.error();
  return std::optional<DirectoryEntry>{std::move(entry)};
}

// Sets the unlisted entry inside the caller's transaction; returns the one before.
Result<std::optional<DirectoryEntry>> put_unlisted(Connection& connection,
                                                   const DirectoryEntry& entry,
                                                   const Actor& actor) {
  auto before = read_unlisted(connection);
  if (!before) return before.error();
  if (auto cleared = connection.execute("DELETE FROM directory_owners WHERE owner IS NULL");
      !cleared)
    return cleared.error();
  auto insert = connection.prepare(
      "INSERT INTO directory_owners (owner, changed_at, changed_by) VALUES (NULL, ?1, ?2) "
      "RETURNING id");
  if (!insert) return insert.error();
  insert->bind(1, instant_text(actor.at)).bind(2, actor.by);
  const auto inserted = insert->step();
  if (!inserted) return inserted.error();
  const std::int64_t row_id = insert->integer(0);
  auto person = connection.prepare(
      "INSERT INTO directory_people (owner_id, list, position, name, email) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!person) return person.error();
  for (const auto list : kLists) {
    const auto& people = list_of(entry, list);
    for (std::size_t position = 0; position < people.size(); ++position)
      if (auto done = person->run_with(row_id, list, static_cast<std::int64_t>(position),
                                       people[position].name, people[position].email);
          !done)
        return done.error();
  }
  return before;
}

// An agency's entry in the directory on `day`, if it has a current contact.
std::optional<DirectoryEntry> entry_of(const Agency& agency, date::sys_days day) {
  const Directory made = directory_of({agency}, std::nullopt, day);
  const auto found = made.owners.find(agency.name);
  if (found == made.owners.end()) return std::nullopt;
  return found->second;
}

// Sets an owner's entry inside the caller's transaction: its agency (made, of kind ward_section,
// when there is none) gets the entry's people as its current contacts and leads. Returns the entry
// before, if the agency had one.
Result<std::optional<DirectoryEntry>> put_owner(Connection& connection, std::string_view owner,
                                                const DirectoryEntry& entry, const Actor& actor,
                                                Joining joining) {
  const date::sys_days day = membership_day(actor.at);
  auto stored = detail::find_agency(connection, owner);
  if (!stored) return stored.error();
  Agency agency =
      *stored ? (*stored)->agency
              : Agency{.name = std::string{owner}, .kind = AgencyKind::ward_section, .members = {}};
  std::optional<DirectoryEntry> before = entry_of(agency, day);
  set_current_people(agency, entry, day, joining);
  if (auto written = detail::write_agency(
          connection, *stored ? std::optional{(*stored)->id} : std::nullopt, agency, actor);
      !written)
    return written.error();
  return before;
}

// True once the database has had a directory: an import, the unlisted entry, or an agency with a
// contact or a lead (current or former). Agencies whose people are only invited to meetings
// (members) are no directory.
Result<bool> had_directory(Connection& connection) {
  const auto had = connection.query_integer(
      "SELECT (SELECT COUNT(*) FROM directory_imports) + (SELECT COUNT(*) FROM directory_owners) "
      "+ (SELECT COUNT(*) FROM agency_members WHERE role IN ('contact', 'lead'))");
  if (!had) return had.error();
  return *had > 0;
}

Status check_directory(const Directory& directory) {
  if (directory.empty())
    return Error{
        "a directory without an entry would send no reminder at all; remove entries one "
        "by one to mean that",
        ErrorCode::invalid, meaning_of(store_meaning::kEmptyDirectory)};
  for (const auto& [owner, entry] : directory.owners)
    if (auto checked = check_entry(owner, entry); !checked) return checked;
  if (directory.unlisted)
    if (auto checked = check_entry(std::nullopt, *directory.unlisted); !checked) return checked;
  return {};
}

Result<Directory> read_directory(Connection& connection, date::sys_days day) {
  auto agencies = detail::read_agencies(connection);
  if (!agencies) return agencies.error();
  auto unlisted = read_unlisted(connection);
  if (!unlisted) return unlisted.error();
  return directory_of(*agencies, *unlisted, day);
}

// Replaces the whole directory inside the caller's transaction: every agency not in it loses its
// current contacts and leads (they leave; their rows stay), every owner in it is set.
Status replace_all(Connection& connection, const Directory& directory, const Actor& actor,
                   std::string_view source) {
  const date::sys_days day = membership_day(actor.at);
  auto before = read_directory(connection, day);
  if (!before) return before.error();
  for (const auto& [owner, entry] : before->owners) {
    if (directory.owners.contains(owner)) continue;
    if (auto put = put_owner(connection, owner, DirectoryEntry{}, actor, Joining::always); !put)
      return put.error();
  }
  for (const auto& [owner, entry] : directory.owners)
    if (auto put = put_owner(connection, owner, entry, actor, Joining::always); !put)
      return put.error();
  if (directory.unlisted) {
    if (auto put = put_unlisted(connection, *directory.unlisted, actor); !put) return put.error();
  } else if (auto cleared = connection.execute("DELETE FROM directory_owners WHERE owner IS NULL");
             !cleared) {
    return cleared;
  }
  auto record = connection.prepare(
      "INSERT INTO directory_imports (at, by, source, owners) VALUES (?1, ?2, ?3, ?4)");
  if (!record) return record.error();
  if (auto done = record->run_with(instant_text(actor.at), actor.by, source,
                                   static_cast<std::int64_t>(directory.owners.size()));
      !done)
    return done;
  json after = directory_to_json(directory);
  after["source"] = source;
  return detail::append_audit_entry(connection, actor, "directory import", kDirectorySubject,
                                    directory_to_json(*before).dump(), after.dump());
}

}  // namespace

Result<Directory> Store::directory(date::sys_days day) {
  return read_directory(impl_->connection, day);
}

Result<bool> Store::has_directory() { return had_directory(impl_->connection); }

Status Store::replace_directory(const Directory& directory, const Actor& actor,
                                std::string_view source) {
  if (auto checked = check_directory(directory); !checked) return checked;
  auto transaction = Transaction::begin(impl_->connection);
  if (!transaction) return transaction.error();
  if (auto replaced = replace_all(impl_->connection, directory, actor, source); !replaced)
    return replaced;
  return transaction->commit();
}

Result<bool> Store::import_first_directory(const Directory& directory, const Actor& actor,
                                           std::string_view source) {
  if (directory.empty()) return false;
  if (auto checked = check_directory(directory); !checked) return checked.error();
  auto transaction = Transaction::begin(impl_->connection);
  if (!transaction) return transaction.error();
  const auto had = had_directory(impl_->connection);
  if (!had) return had.error();
  if (*had) return false;
  if (auto replaced = replace_all(impl_->connection, directory, actor, source); !replaced)
    return replaced.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return true;
}

Result<std::optional<DirectoryEntry>> Store::set_directory_entry(
    std::optional<std::string_view> owner, const DirectoryEntry& entry, const Actor& actor) {
  if (auto checked = check_entry(owner, entry); !checked) return checked.error();
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto before = owner ? put_owner(impl.connection, *owner, entry, actor, Joining::from_day)
                      : put_unlisted(impl.connection, entry, actor);
  if (!before) return before.error();
  if (*before == entry) return before;  // the same again: nothing changed, nothing audited
  if (auto done = impl.audit(actor, "directory set", directory_subject(owner),
                             *before ? directory_entry_to_json(**before) : json(nullptr),
                             directory_entry_to_json(entry));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return before;
}

Result<DirectoryEntry> Store::remove_directory_entry(std::optional<std::string_view> owner,
                                                     const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  const auto not_there = [&] {
    return not_found_error(owner_words(owner) + " is not in the directory",
                           meaning_of(store_meaning::kNotInDirectory, {owner_subject(owner)}));
  };
  std::optional<DirectoryEntry> before;
  if (owner) {
    auto put = put_owner(impl.connection, *owner, DirectoryEntry{}, actor, Joining::from_day);
    if (!put) return put.error();
    before = std::move(*put);
  } else {
    auto read = read_unlisted(impl.connection);
    if (!read) return read.error();
    before = std::move(*read);
    if (before)
      if (auto done = impl.connection.execute("DELETE FROM directory_owners WHERE owner IS NULL");
          !done)
        return done.error();
  }
  if (!before) return not_there();
  if (auto done = impl.audit(actor, "directory remove", directory_subject(owner),
                             directory_entry_to_json(*before), json(nullptr));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return std::move(*before);
}

}  // namespace torikumi::store
