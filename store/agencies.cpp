// Agencies in the database (schema migration 10): Store::agencies and their writes. The
// directory (store/directory.cpp) is made of the same rows.

#include "store/detail/agency_rows.hpp"
#include "store/detail/store_impl.hpp"
#include "store/store_meaning.hpp"

namespace torikumi::store {

namespace {

// The audit log's subjects of agencies start with '@', as the directory's do: no plan's history
// reaches them.
std::string agency_subject(std::string_view name) { return "@agency/" + std::string{name}; }

// What the store refuses in an agency, whatever reader it came through.
Status check_agency(const Agency& agency) {
  if (auto problem = owner_name_problem(agency.name)) return std::move(*problem);
  const std::string where = "agency " + in_quotes(agency.name);
  if (agency.members.size() > kMaxMembersPerAgency)
    return Error{where + ": at most " + std::to_string(kMaxMembersPerAgency) + " members, got " +
                     std::to_string(agency.members.size()),
                 ErrorCode::invalid,
                 meaning_of(store_meaning::kTooManyPeople,
                            {agency.name, "members", std::to_string(kMaxMembersPerAgency),
                             std::to_string(agency.members.size())})};
  for (const Member& member : agency.members) {
    if (!is_plausible_email(member.email))
      return Error{where + ": expected an email address, got " + in_quotes(member.email),
                   ErrorCode::invalid,
                   meaning_of(store_meaning::kEmailRefused, {agency.name, member.email})};
    if (member.name.size() > kMaxRecipientNameBytes)
      return Error{
          where + ": a name is at most " + std::to_string(kMaxRecipientNameBytes) + " bytes",
          ErrorCode::invalid,
          meaning_of(store_meaning::kRecipientNameTooLong,
                     {agency.name, std::to_string(kMaxRecipientNameBytes)})};
    if (member.since && member.until && *member.until < *member.since)
      return Error{where + ": " + in_quotes(member.email) + " leaves before joining",
                   ErrorCode::invalid,
                   meaning_of(store_meaning::kLeavesBeforeJoining, {agency.name, member.email})};
  }
  return {};
}

}  // namespace

Result<std::vector<Agency>> Store::agencies() { return detail::read_agencies(impl_->connection); }

Result<Agency> Store::agency(std::string_view name) {
  auto found = detail::find_agency(impl_->connection, name);
  if (!found) return found.error();
  if (!*found)
    return not_found_error("no agency " + in_quotes(name),
                           meaning_of(store_meaning::kUnknownAgency, {std::string{name}}));
  return std::move((*found)->agency);
}

Result<std::optional<Agency>> Store::put_agency(const Agency& agency, const Actor& actor) {
  if (auto checked = check_agency(agency); !checked) return checked.error();
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto found = detail::find_agency(impl.connection, agency.name);
  if (!found) return found.error();
  std::optional<Agency> before;
  if (*found) before = (*found)->agency;
  if (before == agency) return before;  // the same again: nothing changed, nothing audited
  if (auto written = detail::write_agency(
          impl.connection, *found ? std::optional{(*found)->id} : std::nullopt, agency, actor);
      !written)
    return written.error();
  if (auto done =
          impl.audit(actor, "agency set", agency_subject(agency.name),
                     before ? agency_to_json(*before) : json(nullptr), agency_to_json(agency));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return before;
}

Result<Agency> Store::remove_agency(std::string_view name, const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto found = detail::find_agency(impl.connection, name);
  if (!found) return found.error();
  if (!*found)
    return not_found_error("no agency " + in_quotes(name),
                           meaning_of(store_meaning::kUnknownAgency, {std::string{name}}));
  auto remove = impl.connection.prepare("DELETE FROM agencies WHERE id = ?1");
  if (!remove) return remove.error();
  if (auto done = remove->run_with((*found)->id); !done) return done.error();
  if (auto done = impl.audit(actor, "agency remove", agency_subject(name),
                             agency_to_json((*found)->agency), json(nullptr));
      !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return std::move((*found)->agency);
}

Result<AgencyImport> Store::import_agencies(const std::vector<Agency>& agencies, const Actor& actor,
                                            std::string_view source) {
  if (agencies.empty())
    return Error{"an import without an agency changes nothing", ErrorCode::invalid,
                 meaning_of(store_meaning::kNoAgencies)};
  for (const Agency& agency : agencies)
    if (auto checked = check_agency(agency); !checked) return checked.error();
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  AgencyImport counts;
  for (const Agency& agency : agencies) {
    auto found = detail::find_agency(impl.connection, agency.name);
    if (!found) return found.error();
    if (*found && (*found)->agency == agency) {
      ++counts.unchanged;
      continue;
    }
    ++(*found ? counts.changed : counts.added);
    if (auto written = detail::write_agency(
            impl.connection, *found ? std::optional{(*found)->id} : std::nullopt, agency, actor);
        !written)
      return written.error();
    json after = agency_to_json(agency);
    after["source"] = source;
    if (auto done = impl.audit(actor, "agency import", agency_subject(agency.name),
                               *found ? agency_to_json((*found)->agency) : json(nullptr), after);
        !done)
      return done.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return counts;
}

}  // namespace torikumi::store
