#include "engine/plan/directory.hpp"

#include <algorithm>

#include "engine/base/json_reader.hpp"

namespace torikumi {

using nlohmann::json;

namespace {

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// A problem with a name or an owner, or nothing.
std::optional<std::string> name_problem(std::string_view text, std::size_t limit) {
  if (text.size() > limit)
    return "expected at most " + std::to_string(limit) + " bytes, got " +
           std::to_string(text.size());
  if (has_control_character(text))
    return std::string{"expected one line without control characters"};
  return std::nullopt;
}

std::vector<Recipient> read_recipients(JsonReader& reader, const json& entry,
                                       const std::string& where, std::string_view key) {
  std::vector<Recipient> recipients;
  if (const json* list = reader.member(entry, key);
      list != nullptr && list->is_array() && list->size() > kMaxPeoplePerList) {
    reader.report(where + "." + std::string{key},
                  "expected at most " + std::to_string(kMaxPeoplePerList) + " people, got " +
                      std::to_string(list->size()));
    return recipients;
  }
  reader.each(entry, where, key, [&](const json& value, const std::string& path) {
    if (!reader.expect_object(value, path, {"name", "email"})) return;
    Recipient recipient;
    recipient.name = reader.optional_text(value, path, "name");
    if (const auto problem = name_problem(recipient.name, kMaxRecipientNameBytes))
      reader.report(path + ".name", *problem);
    if (auto email = reader.required_text(value, path, "email")) {
      if (!is_plausible_email(*email))
        reader.report(path + ".email", "expected an email address, got " + json(*email).dump());
      recipient.email = std::move(*email);
    }
    recipients.push_back(std::move(recipient));
  });
  return recipients;
}

}  // namespace

const DirectoryEntry* Directory::find(std::string_view owner) const {
  if (const auto found = owners.find(owner); found != owners.end()) return &found->second;
  return unlisted ? &*unlisted : nullptr;
}

std::optional<Error> owner_name_problem(std::string_view owner) {
  if (owner.find_first_not_of(" \t") == std::string_view::npos)
    return Error{"an owner needs a name (the tasks without one take the unlisted entry)",
                 ErrorCode::invalid, meaning_of(directory_meaning::kOwnerNeedsName)};
  if (owner.size() > kMaxOwnerBytes)
    return Error{"owner: " + *name_problem(owner, kMaxOwnerBytes), ErrorCode::invalid,
                 meaning_of(directory_meaning::kOwnerTooLong,
                            {std::to_string(kMaxOwnerBytes), std::to_string(owner.size())})};
  if (const auto problem = name_problem(owner, kMaxOwnerBytes))
    return Error{"owner: " + *problem, ErrorCode::invalid,
                 meaning_of(directory_meaning::kOwnerNotOneLine)};
  return std::nullopt;
}

bool is_plausible_email(std::string_view text) {
  const auto at = text.find('@');
  return text.size() <= kMaxEmailBytes && at != std::string_view::npos && at > 0 &&
         at + 1 < text.size() && text.find('@', at + 1) == std::string_view::npos &&
         text.find_first_of(" \t\r\n<>,;\"()[]\\") == std::string_view::npos &&
         !has_control_character(text);
}

std::optional<DirectoryEntry> read_directory_entry(JsonReader& reader, const json& value,
                                                   const std::string& where) {
  if (!reader.expect_object(value, where, {"recipients", "escalation"})) return std::nullopt;
  DirectoryEntry entry;
  if (!value.contains("recipients")) reader.report(where + ".recipients", "missing");
  entry.recipients = read_recipients(reader, value, where, "recipients");
  if (const json* list = reader.member(value, "recipients");
      list != nullptr && list->is_array() && list->empty())
    reader.report(where + ".recipients", "expected at least one person");
  entry.escalation = read_recipients(reader, value, where, "escalation");
  return entry;
}

void read_directory(JsonReader& reader, const json& value, const std::string& where,
                    Directory& directory) {
  if (!reader.expect_object(value, where, {"owners", "unlisted"})) return;
  if (const auto owners = value.find("owners"); owners != value.end()) {
    if (!owners->is_object()) {
      reader.report(where + ".owners", "expected an object, got " + describe_json(*owners));
    } else if (owners->size() > kMaxDirectoryOwners) {
      reader.report(where + ".owners", "expected at most " + std::to_string(kMaxDirectoryOwners) +
                                           " owners, got " + std::to_string(owners->size()));
    } else {
      for (const auto& [owner, entry] : owners->items()) {
        const std::string path = where + ".owners[" + json(owner).dump() + "]";
        if (const auto problem = owner_name_problem(owner)) {
          reader.report(path, *problem);
          continue;
        }
        if (auto read = read_directory_entry(reader, entry, path))
          directory.owners[owner] = std::move(*read);
      }
    }
  }
  if (const auto unlisted = value.find("unlisted"); unlisted != value.end() && !unlisted->is_null())
    directory.unlisted = read_directory_entry(reader, *unlisted, where + ".unlisted");
}

Result<Directory, Diagnostics> read_directory_json(std::string_view text, const std::string& root) {
  auto parsed = parse_json_document(text, root);
  if (!parsed) return parsed.error();
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  Directory directory;
  read_directory(reader, *parsed, root, directory);
  if (!diagnostics.empty()) return diagnostics;
  return directory;
}

Result<DirectoryEntry, Diagnostics> read_directory_entry_json(std::string_view text,
                                                              const std::string& root) {
  auto parsed = parse_json_document(text, root);
  if (!parsed) return parsed.error();
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  auto entry = read_directory_entry(reader, *parsed, root);
  if (!diagnostics.empty() || !entry) return diagnostics;
  return std::move(*entry);
}

json directory_entry_to_json(const DirectoryEntry& entry) {
  const auto people = [](const std::vector<Recipient>& list) {
    json array = json::array();
    for (const Recipient& person : list)
      array.push_back(json{{"name", person.name}, {"email", person.email}});
    return array;
  };
  return json{{"recipients", people(entry.recipients)}, {"escalation", people(entry.escalation)}};
}

json directory_to_json(const Directory& directory) {
  json owners = json::object();
  for (const auto& [owner, entry] : directory.owners)
    owners[owner] = directory_entry_to_json(entry);
  return json{{"owners", std::move(owners)},
              {"unlisted",
               directory.unlisted ? directory_entry_to_json(*directory.unlisted) : json(nullptr)}};
}

Result<std::vector<Recipient>, RecipientLineError> parse_recipient_lines(std::string_view text) {
  std::vector<Recipient> people;
  std::size_t number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    const auto refuse = [&](std::string why) {
      return RecipientLineError{number, std::string{line},
                                "line " + std::to_string(number) + ": " + std::move(why)};
    };
    Recipient person;
    const auto open = line.rfind('<');
    if (line.back() == '>' && open != std::string_view::npos) {
      person.email = std::string{line.substr(open + 1, line.size() - open - 2)};
      const std::string_view name = line.substr(0, open);
      const auto last = name.find_last_not_of(" \t");
      person.name =
          last == std::string_view::npos ? std::string{} : std::string{name.substr(0, last + 1)};
    } else {
      person.email = std::string{line};
    }
    if (!is_plausible_email(person.email))
      return refuse("expected an email address, got " + json(person.email).dump());
    if (const auto problem = name_problem(person.name, kMaxRecipientNameBytes))
      return refuse("name: " + *problem);
    people.push_back(std::move(person));
    if (people.size() > kMaxPeoplePerList)
      return RecipientLineError{
          0,
          {},
          "expected at most " + std::to_string(kMaxPeoplePerList) + " people",
          meaning_of(directory_meaning::kTooManyLines, {std::to_string(kMaxPeoplePerList)})};
  }
  return people;
}

std::string recipient_lines(const std::vector<Recipient>& people) {
  std::string text;
  for (const Recipient& person : people) {
    if (!person.name.empty()) text += person.name + " ";
    text += "<" + person.email + ">\n";
  }
  return text;
}

}  // namespace torikumi
