// The directory page (directory_routes in page_routes.hpp): who 担当 is, as the database holds it
// (Store::directory). Editors and admins see it, since it holds addresses; admins change it, one
// owner at a time, each change audited by the store. Beside the entries it lists the owners the
// plans name that are not in it, and what becomes of their reminders.

#include <httplib.h>

#include <set>

#include "http/api/directory_writes.hpp"
#include "http/contract/routes.hpp"
#include "http/pages/labels.hpp"
#include "http/pages/page_routes.hpp"
#include "http/pages/page_text.hpp"
#include "http/transport/answers.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

namespace {

using templates::View;
using Fields = std::map<std::string, std::string>;

const std::string kDirectoryPage{routes::kDirectory};

// The plans that name an owner, each with how many of its tasks it owns.
using OwnerUse = std::map<std::string, std::vector<std::pair<SnapshotPointer, std::size_t>>>;

OwnerUse owner_use(const std::vector<SnapshotPointer>& plans) {
  OwnerUse use;
  for (const SnapshotPointer& snapshot : plans) {
    std::map<std::string, std::size_t> counts;
    for (const Task& task : snapshot->plan->tasks)
      if (!task.owner.empty()) ++counts[task.owner];
    for (const auto& [owner, count] : counts) use[owner].push_back({snapshot, count});
  }
  return use;
}

View people_view(const std::vector<Recipient>& people) {
  View list{View::type::list};
  for (const Recipient& person : people)
    templates::append(list, templates::object_of({{"name", page::text_or_false(person.name)},
                                                  {"email", person.email}}));
  return list;
}

// "3項目", "1 task", "3 tasks".
std::string tasks_text(std::size_t count, Language language) {
  if (language == Language::japanese) return std::to_string(count) + "項目";
  return std::to_string(count) + (count == 1 ? " task" : " tasks");
}

View uses_view(const OwnerUse& use, const std::string& owner,
               const std::vector<SnapshotPointer>& plans, Language language) {
  View list{View::type::list};
  if (const auto found = use.find(owner); found != use.end()) {
    for (const auto& [snapshot, count] : found->second) {
      templates::append(
          list, templates::object_of(
                    {{"plan_id", snapshot->plan->id},
                     {"initiative", snapshot->plan->initiative},
                     {"distinction", page::text_or_false(plan_distinction(*snapshot->plan, plans))},
                     {"tasks", tasks_text(count, language)}}));
    }
  }
  return list;
}

// One entry's row: its people, the plans that name it and, for an admin, its edit form.
View entry_view(const std::optional<std::string>& owner, const DirectoryEntry& entry,
                const OwnerUse& use, const std::vector<SnapshotPointer>& plans, Language language) {
  View row = templates::object_of(
      {{"owner", owner ? View{*owner} : View{false}},
       {"recipients", people_view(entry.recipients)},
       {"escalation", people_view(entry.escalation)},
       {"recipient_lines", recipient_lines(entry.recipients)},
       {"escalation_lines", recipient_lines(entry.escalation)},
       {"uses", owner ? uses_view(use, *owner, plans, language) : View{View::type::list}},
       {"has_uses", owner && use.contains(*owner)}});
  return row;
}

std::string render_directory_page(const Directory& directory,
                                  const std::vector<SnapshotPointer>& plans, bool admin,
                                  const std::string& csrf, const PageContext& context) {
  const OwnerUse use = owner_use(plans);
  View entries{View::type::list};
  for (const auto& [owner, entry] : directory.owners)
    templates::append(entries, entry_view(owner, entry, use, plans, context.language));
  View missing{View::type::list};
  for (const auto& [owner, plans_of] : use) {
    if (directory.owners.contains(owner)) continue;
    View row = templates::object_of(
        {{"owner", owner}, {"uses", uses_view(use, owner, plans, context.language)}});
    templates::append(missing, std::move(row));
  }
  View view = templates::object_of(
      {{"entries", std::move(entries)},
       {"unlisted", directory.unlisted ? entry_view(std::nullopt, *directory.unlisted, use, plans,
                                                    context.language)
                                       : View{false}},
       {"has_missing", !missing.is_empty_list()},
       {"missing", std::move(missing)},
       {"falls_to_unlisted", directory.unlisted.has_value()},
       {"admin", admin},
       {"csrf", csrf}});
  return page::render_page("directory.html.mustache", view,
                           page::label(context.language, "directory_heading"), context);
}

// GET /directory: a signed-in editor's or admin's.
void show_directory(const PagesContext& pages, const httplib::Request& request,
                    httplib::Response& response) {
  PageContext context = page_context(pages, request, response);
  const auto session = pages.gate.session_of(credentials_of(request));
  if (!session)
    return redirect(response,
                    std::string{routes::kSignIn} + "?next=" + percent_encode(kDirectoryPage));
  context.visitor = visitor_of(pages.gate, *session);
  if (!Gatekeeper::can_edit(session->principal))
    return answer_refused(response,
                          {ErrorKind::forbidden,
                           "the directory holds addresses: a viewer does not see it; an editor "
                           "or an admin does",
                           KnownRefusal::directory_needs_editor},
                          "/", context);
  const auto directory = pages.catalog.with_store(
      [&](store::Store& store) { return store.directory(membership_day(context.now)); });
  if (!directory) return answer_refused(response, http_error(directory.error()), "/", context);
  answer_unstored_page(response,
                       render_directory_page(*directory, pages.catalog.plans(),
                                             session->principal.role == store::Role::admin,
                                             session->csrf_token, context));
}

// The entry a form names: `unlisted=1` for the one for owners not listed, else `owner`.
DirectoryKey key_of(const Fields& fields) {
  if (form_field(fields, "unlisted") == "1") return std::nullopt;
  return form_field(fields, "owner");
}

// An admin's form, else null after answering with a page that says why not.
std::optional<FormWriter> directory_writer(const PagesContext& pages,
                                           const httplib::Request& request,
                                           httplib::Response& response, const Fields& fields) {
  auto writer = form_writer(pages, request, response, fields, kDirectoryPage);
  if (!writer) return std::nullopt;
  if (auto refused = check_directory_editor(writer->principal)) {
    answer_refused(response, *refused, kDirectoryPage, writer->context);
    return std::nullopt;
  }
  return writer;
}

// The people of a form's box, or the refusal that names the box and its line.
Result<std::vector<Recipient>, HttpError> people_of(const Fields& fields, const std::string& box) {
  auto people = parse_recipient_lines(form_field(fields, box));
  if (people) return std::move(*people);
  const RecipientLineError& error = people.error();
  if (error.line == 0)
    return HttpError{ErrorKind::unprocessable,
                     box + ": " + error.message,
                     KnownRefusal::none,
                     {},
                     {{box, error.message, std::nullopt, error.meaning}}};
  return HttpError{ErrorKind::unprocessable,
                   box + ": " + error.message,
                   KnownRefusal::bad_recipient_line,
                   {box, std::to_string(error.line), error.text}};
}

// POST /directory/save: owner (or unlisted=1), recipients, escalation: one line per person.
void save_entry(const PagesContext& pages, const httplib::Request& request,
                httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto writer = directory_writer(pages, request, response, fields);
  if (!writer) return;
  DirectoryEntry entry;
  for (const auto& [box, into] :
       {std::pair{"recipients", &entry.recipients}, std::pair{"escalation", &entry.escalation}}) {
    auto people = people_of(fields, box);
    if (!people) return answer_refused(response, people.error(), kDirectoryPage, writer->context);
    *into = std::move(*people);
  }
  const DirectoryKey key = key_of(fields);
  if (key && key->find_first_not_of(" \t") == std::string::npos)
    return answer_refused(
        response,
        {ErrorKind::unprocessable, "owner: an owner needs a name", KnownRefusal::owner_needs_name},
        kDirectoryPage, writer->context);
  if (entry.recipients.empty())
    return answer_refused(response,
                          {ErrorKind::unprocessable,
                           "recipients: an entry needs a recipient",
                           KnownRefusal::entry_needs_recipient,
                           {key.value_or("")}},
                          kDirectoryPage, writer->context);
  const auto saved = pages.catalog.change_agencies([&](store::Store& store) {
    return store.set_directory_entry(key_view(key), entry, writer->actor);
  });
  if (!saved)
    return answer_refused(response, http_error(saved.error()), kDirectoryPage, writer->context);
  redirect(response, kDirectoryPage + "?done=saved");
}

// POST /directory/remove: owner (or unlisted=1).
void remove_entry(const PagesContext& pages, const httplib::Request& request,
                  httplib::Response& response, const std::string& body) {
  const Fields fields = parse_form(body);
  const auto writer = directory_writer(pages, request, response, fields);
  if (!writer) return;
  const DirectoryKey key = key_of(fields);
  const auto removed = pages.catalog.change_agencies([&](store::Store& store) {
    return store.remove_directory_entry(key_view(key), writer->actor);
  });
  if (!removed)
    return answer_refused(response, http_error(removed.error()), kDirectoryPage, writer->context);
  redirect(response, kDirectoryPage + "?done=removed");
}

}  // namespace

std::vector<Route> directory_routes(const PagesContext& pages) {
  return {
      page_route(routes::kDirectory, routes::kDirectory, pages, show_directory),
      form_route(routes::kDirectorySave, routes::kDirectorySave, pages, save_entry),
      form_route(routes::kDirectoryRemove, routes::kDirectoryRemove, pages, remove_entry),
  };
}

}  // namespace torikumi::http
