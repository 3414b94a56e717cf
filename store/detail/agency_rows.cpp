#include "store/detail/agency_rows.hpp"

#include <map>

#include "engine/calendar/time_text.hpp"
#include "store/detail/store_impl.hpp"

namespace torikumi::store::detail {

namespace {

std::optional<date::sys_days> day_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_iso_date(*text);
}

std::optional<std::string> day_text(const std::optional<date::sys_days>& day) {
  if (!day) return std::nullopt;
  return format_iso_date(*day);
}

// The members of the agencies whose ids are keys of `by_id`, each appended to its agency.
Status read_members(Connection& connection, std::map<std::int64_t, Agency*>& by_id,
                    std::optional<std::int64_t> only) {
  auto statement = connection.prepare(
      only ? "SELECT agency_id, name, email, role, since, until, pledged FROM agency_members "
             "WHERE agency_id = ?1 ORDER BY position"
           : "SELECT agency_id, name, email, role, since, until, pledged FROM agency_members "
             "ORDER BY agency_id, position");
  if (!statement) return statement.error();
  if (only) statement->bind(1, *only);
  return statement->each_row([&] {
    const auto found = by_id.find(statement->integer(0));
    if (found == by_id.end()) return;
    found->second->members.push_back(
        Member{.name = statement->text(1),
               .email = statement->text(2),
               .role = parse_member_role(statement->text(3)).value_or(MemberRole::member),
               .since = day_of(statement->optional_text(4)),
               .until = day_of(statement->optional_text(5)),
               .pledged = day_of(statement->optional_text(6))});
  });
}

}  // namespace

Result<std::vector<Agency>> read_agencies(Connection& connection) {
  auto statement = connection.prepare("SELECT id, name, kind FROM agencies ORDER BY name");
  if (!statement) return statement.error();
  std::vector<std::pair<std::int64_t, Agency>> rows;
  const auto read = statement->each_row([&] {
    rows.push_back(
        {statement->integer(0),
         Agency{.name = statement->text(1),
                .kind = parse_agency_kind(statement->text(2)).value_or(AgencyKind::other),
                .members = {}}});
  });
  if (!read) return read.error();
  std::map<std::int64_t, Agency*> by_id;
  for (auto& [id, agency] : rows) by_id[id] = &agency;
  if (auto members = read_members(connection, by_id, std::nullopt); !members)
    return members.error();
  std::vector<Agency> agencies;
  agencies.reserve(rows.size());
  for (auto& [id, agency] : rows) agencies.push_back(std::move(agency));
  return agencies;
}

Result<std::optional<AgencyRow>> find_agency(Connection& connection, std::string_view name) {
  auto statement = connection.prepare("SELECT id, kind FROM agencies WHERE name = ?1");
  if (!statement) return statement.error();
  statement->bind(1, name);
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<AgencyRow>{};
  AgencyRow found{statement->integer(0),
                  Agency{.name = std::string{name},
                         .kind = parse_agency_kind(statement->text(1)).value_or(AgencyKind::other),
                         .members = {}}};
  std::map<std::int64_t, Agency*> by_id{{found.id, &found.agency}};
  if (auto members = read_members(connection, by_id, found.id); !members) return members.error();
  return std::optional<AgencyRow>{std::move(found)};
}

Result<std::int64_t> write_agency(Connection& connection, std::optional<std::int64_t> id,
                                  const Agency& agency, const Actor& actor) {
  std::int64_t row_id = 0;
  if (id) {
    row_id = *id;
    auto update = connection.prepare(
        "UPDATE agencies SET name = ?2, kind = ?3, changed_at = ?4, changed_by = ?5 WHERE id = ?1");
    if (!update) return update.error();
    if (auto done = update->run_with(row_id, agency.name, std::string{to_string(agency.kind)},
                                     instant_text(actor.at), actor.by);
        !done)
      return done.error();
    auto clear = connection.prepare("DELETE FROM agency_members WHERE agency_id = ?1");
    if (!clear) return clear.error();
    if (auto done = clear->run_with(row_id); !done) return done.error();
  } else {
    auto insert = connection.prepare(
        "INSERT INTO agencies (name, kind, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4) "
        "RETURNING id");
    if (!insert) return insert.error();
    insert->bind(1, agency.name)
        .bind(2, std::string{to_string(agency.kind)})
        .bind(3, instant_text(actor.at))
        .bind(4, actor.by);
    const auto inserted = insert->step();
    if (!inserted) return inserted.error();
    row_id = insert->integer(0);
  }
  auto member = connection.prepare(
      "INSERT INTO agency_members (agency_id, position, name, email, role, since, until, pledged) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!member) return member.error();
  for (std::size_t position = 0; position < agency.members.size(); ++position) {
    const Member& person = agency.members[position];
    if (auto done =
            member->run_with(row_id, static_cast<std::int64_t>(position), person.name, person.email,
                             std::string{to_string(person.role)}, day_text(person.since),
                             day_text(person.until), day_text(person.pledged));
        !done)
      return done.error();
  }
  return row_id;
}

}  // namespace torikumi::store::detail
