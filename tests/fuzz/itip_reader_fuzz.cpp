// read_itip (calendars/itip_reply.hpp) over any text, as the calendar part of an inbound email
// would come. A refusal starts with "itip: " and has an itip. meaning; what it accepts has 1 to
// 100 answers, each with a UID and an attendee's address, a proposed start exactly when it is
// a COUNTER, and instants within the years the reader takes.

#include <date/date.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "calendars/itip_reply.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace torikumi;
  using namespace date;
  static const PlanZone zone = PlanZone::asia_tokyo();
  const auto replies = calendars::read_itip(fuzz::text_of(data, size), zone);
  if (!replies) {
    TORIKUMI_FUZZ_CHECK(replies.error().message.rfind("itip: ", 0) == 0);
    TORIKUMI_FUZZ_CHECK(replies.error().meaning.code.rfind("itip.", 0) == 0);
    return 0;
  }
  TORIKUMI_FUZZ_CHECK(!replies->empty() && replies->size() <= calendars::kMostItipEvents);
  // The years allowed, with a day's margin for the zone offsets.
  const sys_seconds earliest{sys_days{1969_y / December / 31}};
  const sys_seconds latest{sys_days{2201_y / January / 2}};
  const auto within = [&](const std::optional<sys_seconds>& instant) {
    return !instant || (earliest <= *instant && *instant <= latest);
  };
  for (const calendars::ItipReply& reply : *replies) {
    TORIKUMI_FUZZ_CHECK(!reply.uid.empty());
    TORIKUMI_FUZZ_CHECK(!reply.attendee.email.empty());
    TORIKUMI_FUZZ_CHECK(reply.proposed_start.has_value() ==
                        (reply.method == calendars::ReplyMethod::counter));
    TORIKUMI_FUZZ_CHECK(within(reply.recurrence_id) && within(reply.dtstamp) &&
                        within(reply.proposed_start));
  }
  return 0;
}
