#include "engine/calendar/plan_zone.hpp"

#include <exception>
#include <utility>

#include "engine/calendar/calendar_meaning.hpp"

namespace torikumi {

PlanZone::PlanZone() : PlanZone(date::locate_zone("UTC"), "UTC") {}

PlanZone::PlanZone(const date::time_zone* zone, std::string name)
    : zone_(zone), name_(std::move(name)) {}

Result<PlanZone> PlanZone::locate(std::string_view name) {
  try {
    return PlanZone{date::locate_zone(std::string{name}), std::string{name}};
  } catch (const std::exception&) {
    return Error{"unknown time zone " + in_quotes(name), ErrorCode::invalid,
                 meaning_of(calendar_meaning::kUnknownTimeZone, {std::string{name}})};
  }
}

PlanZone PlanZone::asia_tokyo() {
  static const PlanZone tokyo{date::locate_zone("Asia/Tokyo"), "Asia/Tokyo"};
  return tokyo;
}

date::local_seconds PlanZone::to_local(date::sys_seconds instant) const {
  return zone_->to_local(instant);
}

date::sys_days PlanZone::local_day(date::sys_seconds instant) const {
  return date::sys_days{date::floor<date::days>(to_local(instant)).time_since_epoch()};
}

date::sys_seconds PlanZone::to_instant(date::local_seconds local) const {
  return zone_->to_sys(local, date::choose::earliest);
}

date::sys_seconds PlanZone::start_of(date::sys_days day) const {
  return to_instant(date::local_seconds{date::local_days{day.time_since_epoch()}});
}

}  // namespace torikumi
