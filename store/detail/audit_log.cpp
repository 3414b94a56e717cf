#include "store/detail/audit_log.hpp"

#include "engine/calendar/time_text.hpp"

namespace torikumi::store::detail {

Status append_audit_entry(Connection& connection, const Actor& actor, std::string_view action,
                          std::string_view subject, const std::optional<std::string>& before,
                          const std::optional<std::string>& after) {
  auto statement = connection.prepare(
      "INSERT INTO audit_log (at, actor, action, subject, before_json, after_json) VALUES (?1, "
      "?2, ?3, ?4, ?5, ?6)");
  if (!statement) return statement.error();
  return statement->run_with(format_utc_instant(actor.at), actor.by, action, subject, before,
                             after);
}

}  // namespace torikumi::store::detail
