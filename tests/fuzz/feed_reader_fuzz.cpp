// read_feed and expand_feed (libical behind calendars/) over any text, as a subscribed client's
// feed or an imported one would come. The expansion's window is one fiscal year; whatever the
// RRULE, it must end. Every instance it returns starts inside the window.

#include <date/date.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "calendars/feed_reader.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace torikumi;
  using namespace date;
  const std::string_view text = fuzz::text_of(data, size);
  const auto feed = calendars::read_feed(text);
  if (!feed) return 0;
  const sys_days from{2026_y / April / 1};
  const sys_days to{2027_y / April / 1};
  const auto instances = calendars::expand_feed(text, from, to);
  if (!instances) return 0;
  for (const calendars::FeedInstance& instance : *instances) {
    if (instance.start) {
      TORIKUMI_FUZZ_CHECK(sys_seconds{from} <= *instance.start &&
                          *instance.start < sys_seconds{to});
    } else {
      TORIKUMI_FUZZ_CHECK(instance.start_day && from <= *instance.start_day &&
                          *instance.start_day < to);
    }
  }
  return 0;
}
