#include "http/api/directory_writes.hpp"

#include "engine/base/json_reader.hpp"

namespace torikumi::http {

using nlohmann::json;

std::optional<std::string_view> key_view(const DirectoryKey& key) {
  return key ? std::optional<std::string_view>{*key} : std::nullopt;
}

namespace {

json entry_document(const DirectoryKey& key, const DirectoryEntry& entry) {
  json document = directory_entry_to_json(entry);
  document["owner"] = key ? json(*key) : json(nullptr);
  return document;
}

}  // namespace

std::optional<HttpError> check_directory_editor(const Principal& principal) {
  if (principal.role == store::Role::admin) return std::nullopt;
  return HttpError{ErrorKind::forbidden,
                   "token " + std::to_string(principal.token_id) +
                       " is not an admin's; changing the directory needs an admin's",
                   KnownRefusal::directory_needs_admin};
}

WriteResult directory_document(StorePlanCatalog& catalog, date::sys_seconds now) {
  const auto directory =
      catalog.with_store([&](store::Store& store) { return store.directory(membership_day(now)); });
  if (!directory) return http_error(directory.error());
  return directory_to_json(*directory);
}

WriteResult directory_entry_document(StorePlanCatalog& catalog, const DirectoryKey& key,
                                     date::sys_seconds now) {
  const auto directory =
      catalog.with_store([&](store::Store& store) { return store.directory(membership_day(now)); });
  if (!directory) return http_error(directory.error());
  if (!key) {
    if (!directory->unlisted)
      return HttpError{ErrorKind::not_found, "the directory has no entry for owners not listed"};
    return entry_document(key, *directory->unlisted);
  }
  const auto found = directory->owners.find(*key);
  if (found == directory->owners.end())
    return HttpError{ErrorKind::not_found, "owner " + in_quotes(*key) + " is not in the directory"};
  return entry_document(key, found->second);
}

WriteResult replace_directory(StorePlanCatalog& catalog, const json& body,
                              const store::Actor& actor) {
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  Directory directory;
  read_directory(reader, body, "directory", directory);
  if (!diagnostics.empty()) return unreadable_body(diagnostics);
  const auto replaced = catalog.change_agencies([&](store::Store& store) {
    return store.replace_directory(directory, actor, "PUT /api/directory");
  });
  if (!replaced) return http_error(replaced.error());
  return directory_to_json(directory);
}

WriteResult put_directory_entry(StorePlanCatalog& catalog, const DirectoryKey& key,
                                const json& body, const store::Actor& actor) {
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  const auto entry = read_directory_entry(reader, body, "entry");
  if (!diagnostics.empty() || !entry) return unreadable_body(diagnostics);
  const auto before = catalog.change_agencies(
      [&](store::Store& store) { return store.set_directory_entry(key_view(key), *entry, actor); });
  if (!before) return http_error(before.error());
  json document = entry_document(key, *entry);
  document["created"] = !before->has_value();
  return document;
}

WriteResult remove_directory_entry(StorePlanCatalog& catalog, const DirectoryKey& key,
                                   const store::Actor& actor) {
  const auto removed = catalog.change_agencies(
      [&](store::Store& store) { return store.remove_directory_entry(key_view(key), actor); });
  if (!removed) return http_error(removed.error());
  json document = entry_document(key, *removed);
  document["removed"] = true;
  return document;
}

}  // namespace torikumi::http
