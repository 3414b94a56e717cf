// The directory in the database (schema migration 9): Store::directory and its writes.

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

// The id of an owner's row (nullopt owner: the unlisted entry's), if there is one.
Result<std::optional<std::int64_t>> find_owner_row(Connection& connection,
                                                   std::optional<std::string_view> owner) {
  auto statement =
      connection.prepare(owner ? "SELECT id FROM directory_owners WHERE owner = ?1"
                               : "SELECT id FROM directory_owners WHERE owner IS NULL");
  if (!statement) return statement.error();
  if (owner) statement->bind(1, *owner);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{statement->integer(0)};
}

Result<DirectoryEntry> read_entry(Connection& connection, std::int64_t row_id) {
  auto statement = connection.prepare(
      "SELECT list, name, email FROM directory_people WHERE owner_id = ?1 ORDER BY list, position");
  if (!statement) return statement.error();
  statement->bind(1, row_id);
  DirectoryEntry entry;
  const auto read = statement->each_row([&] {
    list_of(entry, statement->text(0)).push_back({statement->text(1), statement->text(2)});
  });
  if (!read) return read.error();
  return entry;
}

Status write_people(Connection& connection, std::int64_t row_id, const DirectoryEntry& entry) {
  auto clear = connection.prepare("DELETE FROM directory_people WHERE owner_id = ?1");
  if (!clear) return clear.error();
  if (auto done = clear->run_with(row_id); !done) return done;
  auto insert = connection.prepare(
      "INSERT INTO directory_people (owner_id, list, position, name, email) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert) return insert.error();
  for (const auto list : kLists) {
    const auto& people = list_of(entry, list);
    for (std::size_t position = 0; position < people.size(); ++position) {
      if (auto done = insert->run_with(row_id, list, static_cast<std::int64_t>(position),
                                       people[position].name, people[position].email);
          !done)
        return done;
    }
  }
  return {};
}

// Sets an entry inside the caller's transaction; returns the one before.
Result<std::optional<DirectoryEntry>> put_entry(Connection& connection,
                                                std::optional<std::string_view> owner,
                                                const DirectoryEntry& entry, const Actor& actor) {
  auto row = find_owner_row(connection, owner);
  if (!row) return row.error();
  std::optional<DirectoryEntry> before;
  std::int64_t row_id = 0;
  if (*row) {
    row_id = **row;
    auto read = read_entry(connection, row_id);
    if (!read) return read.error();
    before = std::move(*read);
    auto touch = connection.prepare(
        "UPDATE directory_owners SET changed_at = ?2, changed_by = ?3 WHERE id = ?1");
    if (!touch) return touch.error();
    if (auto done = touch->run_with(row_id, instant_text(actor.at), actor.by); !done)
      return done.error();
  } else {
    auto insert = connection.prepare(
        "INSERT INTO directory_owners (owner, changed_at, changed_by) VALUES (?1, ?2, ?3) "
        "RETURNING id");
    if (!insert) return insert.error();
    insert->bind(1, owner ? std::optional<std::string>{std::string{*owner}} : std::nullopt)
        .bind(2, instant_text(actor.at))
        .bind(3, actor.by);
    const auto inserted = insert->step();
    if (!inserted) return inserted.error();
    row_id = insert->integer(0);
  }
  if (auto done = write_people(connection, row_id, entry); !done) return done.error();
  return before;
}

// True once the database has had a directory: an import, or an entry an admin set.
Result<bool> had_directory(Connection& connection) {
  const auto had = connection.query_integer(
      "SELECT (SELECT COUNT(*) FROM directory_imports) + (SELECT COUNT(*) FROM directory_owners)");
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

Result<Directory> read_directory(Connection& connection) {
  auto statement = connection.prepare(
      "SELECT o.owner, p.list, p.name, p.email FROM directory_owners o "
      "JOIN directory_people p ON p.owner_id = o.id ORDER BY o.id, p.list, p.position");
  if (!statement) return statement.error();
  Directory directory;
  const auto read = statement->each_row([&] {
    const auto owner = statement->optional_text(0);
    DirectoryEntry& entry =
        owner ? directory.owners[*owner]
              : (directory.unlisted ? *directory.unlisted : directory.unlisted.emplace());
    list_of(entry, statement->text(1)).push_back({statement->text(2), statement->text(3)});
  });
  if (!read) return read.error();
  return directory;
}

// Replaces the whole directory inside the caller's transaction.
Status replace_all(Connection& connection, const Directory& directory, const Actor& actor,
                   std::string_view source) {
  auto before = read_directory(connection);
  if (!before) return before.error();
  if (auto done = connection.execute("DELETE FROM directory_owners"); !done) return done;
  for (const auto& [owner, entry] : directory.owners)
    if (auto put = put_entry(connection, owner, entry, actor); !put) return put.error();
  if (directory.unlisted)
    if (auto put = put_entry(connection, std::nullopt, *directory.unlisted, actor); !put)
      return put.error();
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

Result<Directory> Store::directory() { return read_directory(impl_->connection); }

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
  auto before = put_entry(impl.connection, owner, entry, actor);
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
  auto row = find_owner_row(impl.connection, owner);
  if (!row) return row.error();
  if (!*row)
    return not_found_error(owner_words(owner) + " is not in the directory",
                           meaning_of(store_meaning::kNotInDirectory, {owner_subject(owner)}));
  auto before = read_entry(impl.connection, **row);
  if (!before) return before.error();
  auto remove = impl.connection.prepare("DELETE FROM directory_owners WHERE id = ?1");
  if (!remove) return remove.error();
  if (auto done = remove->run_with(**row); !done) return done.error();
  if (auto done = impl.audit(actor, "directory remove", directory_subject(owner),
                             directory_entry_to_json(*before), json(nullptr));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return before;
}

}  // namespace torikumi::store
