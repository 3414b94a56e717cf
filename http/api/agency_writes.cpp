#include "http/api/agency_writes.hpp"

#include "engine/base/json_reader.hpp"
#include "engine/meetings/agency.hpp"

namespace torikumi::http {

using nlohmann::json;

WriteResult agencies_document(StorePlanCatalog& catalog) {
  const auto agencies = catalog.with_store([](store::Store& store) { return store.agencies(); });
  if (!agencies) return http_error(agencies.error());
  return agencies_to_json(*agencies);
}

WriteResult agency_document(StorePlanCatalog& catalog, std::string_view name) {
  const auto agency = catalog.with_store([&](store::Store& store) { return store.agency(name); });
  if (!agency) return http_error(agency.error());
  return agency_to_json(*agency);
}

WriteResult import_agencies(StorePlanCatalog& catalog, const json& body,
                            const store::Actor& actor) {
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  const std::vector<Agency> agencies = read_agencies(reader, body, "body");
  if (!diagnostics.empty()) return unreadable_body(diagnostics);
  const auto imported = catalog.change_agencies([&](store::Store& store) {
    return store.import_agencies(agencies, actor, "PUT /api/agencies");
  });
  if (!imported) return http_error(imported.error());
  return json{{"added", imported->added},
              {"changed", imported->changed},
              {"unchanged", imported->unchanged}};
}

WriteResult put_agency(StorePlanCatalog& catalog, std::string_view name, const json& body,
                       const store::Actor& actor) {
  json named = body;
  if (named.is_object() && !named.contains("name")) named["name"] = name;
  Diagnostics diagnostics;
  JsonReader reader{diagnostics};
  const auto agency = read_agency(reader, named, "body");
  if (!diagnostics.empty() || !agency) return unreadable_body(diagnostics);
  if (agency->name != name)
    return HttpError{ErrorKind::unprocessable, "body.name: expected " + in_quotes(name) +
                                                   " (the path's), got " + in_quotes(agency->name)};
  const auto before = catalog.change_agencies(
      [&](store::Store& store) { return store.put_agency(*agency, actor); });
  if (!before) return http_error(before.error());
  return json{{"agency", agency_to_json(*agency)}, {"created", !before->has_value()}};
}

WriteResult remove_agency(StorePlanCatalog& catalog, std::string_view name,
                          const store::Actor& actor) {
  const auto removed = catalog.change_agencies(
      [&](store::Store& store) { return store.remove_agency(name, actor); });
  if (!removed) return http_error(removed.error());
  return json{{"agency", agency_to_json(*removed)}, {"removed", true}};
}

}  // namespace torikumi::http
