#include "calendars/detail/time_zone_component.hpp"

#include <chrono>

#include "calendars/time_zone_observances.hpp"

namespace torikumi::calendars::detail {

namespace {

std::string offset_text(std::chrono::seconds offset) {
  const char sign = offset < std::chrono::seconds{0} ? '-' : '+';
  const auto magnitude = offset < std::chrono::seconds{0} ? -offset : offset;
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(magnitude);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(magnitude - hours);
  std::string text(1, sign);
  text += static_cast<char>('0' + hours.count() / 10);
  text += static_cast<char>('0' + hours.count() % 10);
  text += static_cast<char>('0' + minutes.count() / 10);
  text += static_cast<char>('0' + minutes.count() % 10);
  return text;
}

}  // namespace

Result<ComponentHandle> time_zone_component(const std::string& zone_name, date::sys_seconds from,
                                            date::sys_seconds to) {
  const auto observances = zone_observances(zone_name, from, to);
  if (!observances) return observances.error();
  ComponentHandle zone = new_component(ICAL_VTIMEZONE_COMPONENT);
  add(zone.get(), icalproperty_new_tzid(zone_name.c_str()));
  for (const ZoneObservance& observance : *observances) {
    ComponentHandle block =
        new_component(observance.kind == ObservanceKind::daylight ? ICAL_XDAYLIGHT_COMPONENT
                                                                  : ICAL_XSTANDARD_COMPONENT);
    add(block.get(), icalproperty_new_dtstart(ical_local_time(observance.onset)));
    add(block.get(),
        icalproperty_new_tzoffsetfrom(static_cast<int>(observance.offset_from.count())));
    add(block.get(), icalproperty_new_tzoffsetto(static_cast<int>(observance.offset_to.count())));
    if (!observance.abbreviation.empty() &&
        observance.abbreviation.find_first_of("+-") == std::string::npos)
      add(block.get(), icalproperty_new_tzname(observance.abbreviation.c_str()));
    else
      add(block.get(),
          icalproperty_new_tzname(("UTC" + offset_text(observance.offset_to)).c_str()));
    add(zone.get(), std::move(block));
  }
  return zone;
}

}  // namespace torikumi::calendars::detail
