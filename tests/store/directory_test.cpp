// The directory in the database (Store::directory and its writes, migrations 9 and 10).

#include <doctest/doctest.h>

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
const Actor kLater{"西 太郎", kMonday + std::chrono::hours{3}};

const Recipient kHanako{"東 花子", "hanako@example.org"};
const Recipient kChief{"課長", "chief@example.org"};
const Recipient kOffice{"", "office@example.org"};

Directory config_directory() {
  Directory directory;
  directory.owners["多機関協働担当"] = DirectoryEntry{{kHanako}, {kChief}};
  directory.owners["学校連携担当"] = DirectoryEntry{{kHanako, kOffice}, {}};
  directory.unlisted = DirectoryEntry{{kOffice}, {}};
  return directory;
}

Store open_store(const std::string& path) {
  auto store = Store::open(path);
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  return std::move(store.value());
}

std::vector<std::string> actions(Store& store, std::string_view subject) {
  std::vector<std::string> out;
  const auto entries = store.history(subject).value();
  for (const auto& entry : entries) out.push_back(entry.action + " " + entry.subject);
  return out;
}

}  // namespace

TEST_CASE(
    "the config's directory is imported once, the first time, and then the database's is read") {
  TemporaryDatabase file;
  {
    Store store = open_store(file.path());
    CHECK(store.directory(kToday).value().empty());
    CHECK(store.import_first_directory(config_directory(), kAdmin, "torikumi.json").value());
    CHECK(store.directory(kToday).value() == config_directory());
  }
  // Another start with a changed config imports nothing: an admin's edits stay.
  Store store = open_store(file.path());
  REQUIRE(store.set_directory_entry("学校連携担当", DirectoryEntry{{kChief}, {}}, kLater).ok());
  Directory changed_config = config_directory();
  changed_config.owners.erase("多機関協働担当");
  CHECK_FALSE(store.import_first_directory(changed_config, kLater, "torikumi.json").value());
  const Directory stored = store.directory(kToday).value();
  CHECK(stored.owners.size() == 2);
  CHECK(stored.owners.at("学校連携担当").recipients == std::vector{kChief});
  CHECK(stored.find("どこか") == &*stored.unlisted);
  CHECK(actions(store, "@directory") ==
        std::vector<std::string>{"directory import @directory",
                                 "directory set @directory/owner/学校連携担当"});
}

TEST_CASE("an empty config directory is no import: an admin's first entry is") {
  TemporaryDatabase file;
  Store store = open_store(file.path());
  CHECK_FALSE(store.import_first_directory(Directory{}, kAdmin, "torikumi.json").value());
  REQUIRE(store.set_directory_entry("企画総務課", DirectoryEntry{{kHanako}, {}}, kAdmin).ok());
  CHECK_FALSE(store.import_first_directory(config_directory(), kAdmin, "torikumi.json").value());
  CHECK(store.directory(kToday).value().owners.size() == 1);
}

TEST_CASE("an entry keeps its people in order, and each change is audited with before and after") {
  TemporaryDatabase file;
  Store store = open_store(file.path());
  const DirectoryEntry first{{kHanako, kOffice}, {kChief}};
  CHECK(store.set_directory_entry("地域福祉課", first, kAdmin).value() == std::nullopt);
  const DirectoryEntry second{{kOffice, kHanako}, {}};
  CHECK(store.set_directory_entry("地域福祉課", second, kLater).value() == first);
  CHECK(store.directory(kToday).value().owners.at("地域福祉課") == second);
  // The same again changes nothing and adds no entry.
  REQUIRE(store.set_directory_entry("地域福祉課", second, kLater).ok());
  const auto log = store.history("@directory/owner/地域福祉課").value();
  REQUIRE(log.size() == 2);
  CHECK(log[0].before.empty());
  CHECK(log[1].by == "西 太郎");
  CHECK(
      log[1].before ==
      R"({"escalation":[{"email":"chief@example.org","name":"課長"}],"recipients":[{"email":"hanako@example.org","name":"東 花子"},{"email":"office@example.org","name":""}]})");
  CHECK(store.remove_directory_entry("地域福祉課", kLater).value() == second);
  CHECK(store.directory(kToday).value().empty());
  CHECK(store.history("@directory/owner/地域福祉課").value().back().action == "directory remove");
}

TEST_CASE("the unlisted entry is one, set and removed like an owner's") {
  TemporaryDatabase file;
  Store store = open_store(file.path());
  REQUIRE(store.set_directory_entry(std::nullopt, DirectoryEntry{{kOffice}, {}}, kAdmin).ok());
  REQUIRE(store.set_directory_entry(std::nullopt, DirectoryEntry{{kHanako}, {}}, kAdmin).ok());
  const Directory directory = store.directory(kToday).value();
  CHECK(directory.owners.empty());
  REQUIRE(directory.unlisted);
  CHECK(directory.unlisted->recipients == std::vector{kHanako});
  CHECK(store.history("@directory/unlisted").value().size() == 2);
  CHECK(store.remove_directory_entry(std::nullopt, kAdmin).ok());
  CHECK_FALSE(store.directory(kToday).value().unlisted);
}

TEST_CASE("a bad entry is refused with what is wrong, and nothing stored changes") {
  TemporaryDatabase file;
  Store store = open_store(file.path());
  REQUIRE(store.replace_directory(config_directory(), kAdmin, "torikumi.json").ok());
  const auto no_one =
      store.set_directory_entry("多機関協働担当", DirectoryEntry{{}, {kChief}}, kAdmin);
  REQUIRE_FALSE(no_one.ok());
  CHECK(no_one.error().message == "owner \"多機関協働担当\": an entry needs a recipient");
  const auto bad_address =
      store.set_directory_entry("多機関協働担当", DirectoryEntry{{{"x", "x@y@z"}}, {}}, kAdmin);
  REQUIRE_FALSE(bad_address.ok());
  CHECK(bad_address.error().message ==
        "owner \"多機関協働担当\": expected an email address, got \"x@y@z\"");
  const auto nameless = store.set_directory_entry(" ", DirectoryEntry{{kHanako}, {}}, kAdmin);
  REQUIRE_FALSE(nameless.ok());
  CHECK(nameless.error().message ==
        "an owner needs a name (the tasks without one take the unlisted entry)");
  const auto two_lines =
      store.set_directory_entry("地域\n福祉課", DirectoryEntry{{kHanako}, {}}, kAdmin);
  REQUIRE_FALSE(two_lines.ok());
  CHECK(two_lines.error().message == "owner: expected one line without control characters");
  const auto long_name =
      store.set_directory_entry(std::string(201, 'x'), DirectoryEntry{{kHanako}, {}}, kAdmin);
  REQUIRE_FALSE(long_name.ok());
  CHECK(long_name.error().message == "owner: expected at most 200 bytes, got 201");
  const auto missing = store.remove_directory_entry("どこか", kAdmin);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::not_found);
  CHECK(missing.error().message == "owner \"どこか\" is not in the directory");
  Directory broken = config_directory();
  broken.owners["企画総務課"] = DirectoryEntry{};
  CHECK_FALSE(store.replace_directory(broken, kAdmin, "x").ok());
  CHECK(store.directory(kToday).value() == config_directory());
}

TEST_CASE("no plan's history holds the directory's changes, not even a plan called directory") {
  TemporaryDatabase file;
  Store store = open_store(file.path());
  REQUIRE(store.replace_directory(config_directory(), kAdmin, "torikumi.json").ok());
  REQUIRE(store.set_directory_entry("*", DirectoryEntry{{kHanako}, {}}, kAdmin).ok());
  CHECK(store.history("directory").value().empty());
  CHECK(store.history("@directory/owner/*").value().size() == 1);
  CHECK(store.history("@directory/unlisted").value().empty());
  CHECK(store.history("@directory").value().size() == 2);
}

TEST_CASE("an empty directory does not replace a stored one") {
  TemporaryDatabase file;
  Store store = open_store(file.path());
  REQUIRE(store.replace_directory(config_directory(), kAdmin, "torikumi.json").ok());
  const auto emptied = store.replace_directory(Directory{}, kAdmin, "config.json");
  REQUIRE_FALSE(emptied.ok());
  CHECK(emptied.error().message ==
        "a directory without an entry would send no reminder at all; remove entries one by one to "
        "mean that");
  CHECK(store.directory(kToday).value() == config_directory());
}

TEST_CASE("replacing the whole directory drops the owners it lacks, in one audited change") {
  TemporaryDatabase file;
  Store store = open_store(file.path());
  REQUIRE(store.replace_directory(config_directory(), kAdmin, "torikumi.json").ok());
  Directory next;
  next.owners["企画総務課"] = DirectoryEntry{{kChief}, {}};
  REQUIRE(store.replace_directory(next, kLater, "directory.json").ok());
  CHECK(store.directory(kToday).value() == next);
  const auto log = store.history("@directory").value();
  REQUIRE(log.size() == 2);
  CHECK(log[1].after.find("\"source\":\"directory.json\"") != std::string::npos);
  CHECK(log[1].before.find("多機関協働担当") != std::string::npos);
}
