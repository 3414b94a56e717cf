#pragma once

// The directory: who 担当 is. For each owner a plan names, the people its reminders go to and
// those told as well when an item is overdue long enough (escalation), with one entry for the
// owners not listed. Kept in the database (store/directory.cpp), edited by admins on the
// dashboard and through the API; the config file's `directory` is its first import
// (docs/config.md). Plans are public, addresses are not: no plan holds one.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace torikumi {

class JsonReader;

struct Recipient {
  std::string name;
  std::string email;
  bool operator==(const Recipient&) const = default;
};

// Who hears about an owner's items: first the recipients, then, for an item overdue long enough,
// the escalation list too.
struct DirectoryEntry {
  std::vector<Recipient> recipients;
  std::vector<Recipient> escalation;
  bool operator==(const DirectoryEntry&) const = default;
};

// Owner (担当, as the plan names it) → recipients.
struct Directory {
  std::map<std::string, DirectoryEntry, std::less<>> owners;
  std::optional<DirectoryEntry> unlisted;  // for owners not listed; none: they get no reminders
  // The owner's entry, else the unlisted one, else nullptr.
  const DirectoryEntry* find(std::string_view owner) const;
  bool empty() const { return owners.empty() && !unlisted; }
  bool operator==(const Directory&) const = default;
};

// What one entry may hold: a bound on everything a request can store.
inline constexpr std::size_t kMaxOwnerBytes = 200;
inline constexpr std::size_t kMaxRecipientNameBytes = 200;
inline constexpr std::size_t kMaxEmailBytes = 254;  // RFC 5321's path limit, less the brackets
inline constexpr std::size_t kMaxPeoplePerList = 50;
inline constexpr std::size_t kMaxDirectoryOwners = 2000;

// The meanings (engine/base/meaning.hpp) of owner_name_problem's errors, with their subjects.
namespace directory_meaning {
inline constexpr std::string_view kOwnerNeedsName = "directory.owner_needs_name";  // (none)
// the limit in bytes, the owner's size in bytes.
inline constexpr std::string_view kOwnerTooLong = "directory.owner_too_long";
inline constexpr std::string_view kOwnerNotOneLine = "directory.owner_not_one_line";  // (none)
// A form's text box with more people than a list holds (parse_recipient_lines): the limit.
inline constexpr std::string_view kTooManyLines = "directory.too_many_lines";
}  // namespace directory_meaning

// What is wrong with an owner's name, if anything, with its meaning: blank, over kMaxOwnerBytes,
// or more than one line (a control character).
std::optional<Error> owner_name_problem(std::string_view owner);

// True for one address: local@domain, one @, no space, quote, bracket, comma or semicolon, at
// most kMaxEmailBytes.
bool is_plausible_email(std::string_view text);

// Reads `value` (the JSON of a directory: {"owners": {OWNER: ENTRY}, "unlisted": ENTRY|null},
// ENTRY {"recipients": [{"name", "email"}], "escalation": [...]}) into `directory`, reporting
// each problem at its path from `where` (`config.directory.owners["企画総務課"].recipients:
// missing`).
void read_directory(JsonReader& reader, const nlohmann::json& value, const std::string& where,
                    Directory& directory);
// One ENTRY at `where`; nullopt when it is not an object.
std::optional<DirectoryEntry> read_directory_entry(JsonReader& reader, const nlohmann::json& value,
                                                   const std::string& where);

// A whole document, for an API body or a file: every problem located from `root`.
Result<Directory, Diagnostics> read_directory_json(std::string_view text, const std::string& root);
Result<DirectoryEntry, Diagnostics> read_directory_entry_json(std::string_view text,
                                                              const std::string& root);

// The JSON read_directory reads.
nlohmann::json directory_to_json(const Directory& directory);
nlohmann::json directory_entry_to_json(const DirectoryEntry& entry);

// The first line of a form's text box that is not one person, and why.
struct RecipientLineError {
  std::size_t line = 0;  // 1-based; 0: the box as a whole (too many people)
  std::string text;      // the line, trimmed
  std::string message;   // `line 2: expected an email address, got "hanako"`
  Meaning meaning{};     // the box as a whole's: directory_meaning::kTooManyLines
};

// The people of a form's text box, one per line: `東 花子 <hanako@example.org>`, or the address
// alone. Blank lines are skipped.
Result<std::vector<Recipient>, RecipientLineError> parse_recipient_lines(std::string_view text);
// The lines parse_recipient_lines reads back.
std::string recipient_lines(const std::vector<Recipient>& people);

}  // namespace torikumi
