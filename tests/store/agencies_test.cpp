// Agencies in the database (Store::agencies and their writes, migration 10), and the directory
// made of their current members.

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <span>

#include "store/migrations.hpp"
#include "store/store.hpp"
#include "tests/store/test_database.hpp"

using namespace date;
using namespace torikumi;
using namespace torikumi::store;
using torikumi::store::testing::TemporaryDatabase;

namespace {

const sys_seconds kMonday = sys_days{2026_y / April / 20} + std::chrono::hours{1};
const sys_days kToday{2026_y / April / 20};  // kMonday's day in Japan
const Actor kAdmin{"東 花子", kMonday};
const Actor kJune{"西 太郎", sys_days{2026_y / June / 1} + std::chrono::hours{1}};

Member person(std::string name, std::string email, MemberRole role) {
  return Member{.name = std::move(name),
                .email = std::move(email),
                .role = role,
                .since = std::nullopt,
                .until = std::nullopt,
                .pledged = std::nullopt};
}

Agency section() {
  return Agency{"企画総務課",
                AgencyKind::ward_section,
                {person("東 花子", "hanako@example.org", MemberRole::contact),
                 person("課長", "chief@example.org", MemberRole::lead)}};
}

Agency centre() {
  Member invitee = person("南 三郎", "saburo@example.org", MemberRole::member);
  invitee.pledged = sys_days{2026_y / April / 1};
  return Agency{"東区地域包括支援センター", AgencyKind::community_support_center, {invitee}};
}

Store open_at(const std::string& path, std::span<const Migration> migrations) {
  auto store = Store::open(path, {.migrations = migrations});
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  return std::move(store.value());
}

}  // namespace

TEST_CASE("an agency is set, replaced, read and removed, each change audited") {
  TemporaryDatabase file;
  Store store = open_at(file.path(), schema_migrations());
  CHECK_FALSE(store.put_agency(section(), kAdmin).value());
  CHECK_FALSE(store.put_agency(centre(), kAdmin).value());
  CHECK(store.agencies().value() == std::vector<Agency>{section(), centre()});
  Agency changed = centre();
  changed.members.push_back(person("", "office@example.org", MemberRole::contact));
  CHECK(store.put_agency(changed, kAdmin).value() == centre());
  CHECK(store.agency("東区地域包括支援センター").value() == changed);
  CHECK(store.put_agency(changed, kAdmin).value() == changed);  // the same: not audited
  // A contact makes the centre an owner in the directory too.
  CHECK(store.directory(kToday).value().owners.size() == 2);
  CHECK(store.remove_agency("東区地域包括支援センター", kAdmin).value() == changed);
  const auto missing = store.agency("東区地域包括支援センター");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "no agency \"東区地域包括支援センター\"");
  CHECK(missing.error().code == ErrorCode::not_found);
  std::vector<std::string> actions;
  const auto history = store.history("@agency/東区地域包括支援センター");
  REQUIRE(history.ok());
  for (const auto& entry : *history) actions.push_back(entry.action);
  CHECK(actions == std::vector<std::string>{"agency set", "agency set", "agency remove"});
}

TEST_CASE("a bad agency is refused with what is wrong, and nothing stored changes") {
  TemporaryDatabase file;
  Store store = open_at(file.path(), schema_migrations());
  REQUIRE(store.put_agency(section(), kAdmin).ok());
  Agency bad = section();
  bad.members[0].email = "hanako";
  const auto refused = store.put_agency(bad, kAdmin);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "agency \"企画総務課\": expected an email address, got \"hanako\"");
  Agency backwards = section();
  backwards.members[0].since = sys_days{2026_y / May / 1};
  backwards.members[0].until = sys_days{2026_y / April / 30};
  const auto leaves = store.import_agencies({centre(), backwards}, kAdmin, "agencies.json");
  REQUIRE_FALSE(leaves.ok());
  CHECK(leaves.error().message ==
        "agency \"企画総務課\": \"hanako@example.org\" leaves before joining");
  CHECK(store.agencies().value() == std::vector<Agency>{section()});
}

TEST_CASE("an import adds and replaces agencies by name and leaves the others") {
  TemporaryDatabase file;
  Store store = open_at(file.path(), schema_migrations());
  REQUIRE(store.put_agency(section(), kAdmin).ok());
  Agency other{"地域福祉課",
               AgencyKind::ward_section,
               {person("", "fukushi@example.org", MemberRole::contact)}};
  REQUIRE(store.put_agency(other, kAdmin).ok());
  Agency renamed_chief = section();
  renamed_chief.members[1].name = "次長";
  CHECK(store.import_agencies({renamed_chief, centre()}, kAdmin, "agencies.json").value() ==
        AgencyImport{.added = 1, .changed = 1, .unchanged = 0});
  CHECK(store.agencies().value() == std::vector<Agency>{renamed_chief, other, centre()});
  CHECK(store.import_agencies({centre()}, kAdmin, "agencies.json").value() ==
        AgencyImport{.added = 0, .changed = 0, .unchanged = 1});
  CHECK(store.import_agencies({}, kAdmin, "empty.json").error().message ==
        "an import without an agency changes nothing");
}

TEST_CASE("the directory's owners set on the dashboard are agencies whose former members stay") {
  TemporaryDatabase file;
  Store store = open_at(file.path(), schema_migrations());
  const Recipient hanako{"東 花子", "hanako@example.org"};
  const Recipient jiro{"北 次郎", "jiro@example.org"};
  REQUIRE(store.set_directory_entry("企画総務課", DirectoryEntry{{hanako}, {}}, kAdmin).ok());
  // In June, 花子 hands over to 次郎: she leaves the day before, her row stays.
  CHECK(store.set_directory_entry("企画総務課", DirectoryEntry{{jiro}, {}}, kJune).value() ==
        DirectoryEntry{{hanako}, {}});
  const Agency agency = store.agency("企画総務課").value();
  CHECK(agency.kind == AgencyKind::ward_section);
  REQUIRE(agency.members.size() == 2);
  CHECK(agency.members[0].email == "hanako@example.org");
  CHECK(agency.members[0].since == kToday);
  CHECK(agency.members[0].until == sys_days{2026_y / May / 31});
  CHECK(agency.members[1].since == sys_days{2026_y / June / 1});
  CHECK(store.directory(kToday).value().owners.at("企画総務課").recipients ==
        std::vector<Recipient>{hanako});
  CHECK(store.directory(sys_days{2026_y / June / 1}).value().owners.at("企画総務課").recipients ==
        std::vector<Recipient>{jiro});
  // Removing the entry ends the current people; the agency and its history stay.
  CHECK(store.remove_directory_entry("企画総務課", kJune).value() == DirectoryEntry{{jiro}, {}});
  CHECK(store.directory(sys_days{2026_y / June / 2}).value().empty());
  CHECK(store.agency("企画総務課").value().members.size() == 1);  // 次郎 joined and left today
  const auto again = store.remove_directory_entry("企画総務課", kJune);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message == "owner \"企画総務課\" is not in the directory");
  const auto never = store.remove_directory_entry("学校連携担当", kJune);
  REQUIRE_FALSE(never.ok());
  CHECK_FALSE(store.agency("学校連携担当").ok());  // the refused removal made no agency
}

TEST_CASE("migration 10 makes the directory's owners agencies and keeps the unlisted entry") {
  TemporaryDatabase file;
  const std::span<const Migration> all = schema_migrations();
  REQUIRE(all.size() >= 10);
  {
    // A version 9 file with a directory as serve stored it then: an owner and the unlisted entry.
    Store store = open_at(file.path(), all.first(9));
    REQUIRE(store.schema_version().value() == 9);
  }
  sqlite3* database = nullptr;
  REQUIRE(sqlite3_open(file.path().c_str(), &database) == SQLITE_OK);
  const char* rows = R"sql(
    INSERT INTO directory_owners (id, owner, changed_at, changed_by) VALUES
      (1, '企画総務課', '2026-04-20T01:00:00Z', '東 花子'),
      (2, NULL, '2026-04-20T01:00:00Z', '東 花子');
    INSERT INTO directory_people (owner_id, list, position, name, email) VALUES
      (1, 'recipients', 0, '東 花子', 'hanako@example.org'),
      (1, 'recipients', 1, '', 'office@example.org'),
      (1, 'escalation', 0, '課長', 'chief@example.org'),
      (2, 'recipients', 0, '', 'office@example.org');
    INSERT INTO directory_imports (at, by, source, owners)
      VALUES ('2026-04-20T01:00:00Z', '東 花子', 'torikumi.json', 1);)sql";
  CHECK(sqlite3_exec(database, rows, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(database);
  Store store = open_at(file.path(), all);
  CHECK(store.schema_version().value() == latest_schema_version());
  CHECK(store.agencies().value() ==
        std::vector<Agency>{{"企画総務課",
                             AgencyKind::ward_section,
                             {person("東 花子", "hanako@example.org", MemberRole::contact),
                              person("", "office@example.org", MemberRole::contact),
                              person("課長", "chief@example.org", MemberRole::lead)}}});
  const Directory directory = store.directory(kToday).value();
  CHECK(directory.owners.at("企画総務課").escalation ==
        std::vector<Recipient>{{"課長", "chief@example.org"}});
  REQUIRE(directory.unlisted);
  CHECK(directory.unlisted->recipients == std::vector<Recipient>{{"", "office@example.org"}});
  CHECK(store.has_directory().value());
}
