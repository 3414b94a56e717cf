#include "engine/meetings/invitation_plan.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace torikumi;

namespace {

constexpr date::sys_seconds at(int day, int hour) {
  return date::sys_days{date::year{2026} / 6 / day} + std::chrono::hours{hour};
}

InvitedPerson person(std::string email, std::string agency) {
  return InvitedPerson{.email = std::move(email),
                       .name = "名前",
                       .agency = std::move(agency),
                       .role = ParticipantRole::required};
}

const InvitedPerson kSection = person("takikan@ward.example.jp", "多機関協働担当");
const InvitedPerson kCentre = person("houkatsu@centre.example.jp", "東区地域包括支援センター");
const InvitedPerson kCouncil = person("shakyo@council.example.jp", "東区社会福祉協議会");

MeetingShape shape(int day, std::string place = "3階会議室") {
  return MeetingShape{.title = "多機関協働会議",
                      .start = at(day, 5),
                      .end = at(day, 6),
                      .place = std::move(place),
                      .cancelled = false};
}

SentInvitation sent(std::uint32_t sequence, MeetingShape was,
                    std::vector<InvitedPerson> attendees) {
  return SentInvitation{.sequence = sequence, .shape = std::move(was), .attendees = attendees};
}

}  // namespace

TEST_CASE("an invitation never sent is sent to every attendee at SEQUENCE 0, only when asked") {
  const DesiredInvitation desired{.shape = shape(10), .attendees = {kSection, kCentre}};
  CHECK(plan_invitation_messages(std::nullopt, desired, InvitationSend::changes).empty());
  const auto first = plan_invitation_messages(std::nullopt, desired, InvitationSend::first);
  CHECK(first.sequence == 0);
  CHECK(first.requests == std::vector{kSection, kCentre});
  CHECK(first.attendees == std::vector{kSection, kCentre});
  CHECK_FALSE(first.update);
  DesiredInvitation cancelled = desired;
  cancelled.shape.cancelled = true;
  CHECK(plan_invitation_messages(std::nullopt, cancelled, InvitationSend::first).empty());
}

TEST_CASE("a moved meeting is an update to everyone with SEQUENCE raised; the dropped get CANCEL") {
  const auto was = sent(1, shape(10), {kSection, kCentre, kCouncil});
  const auto moved = plan_invitation_messages(
      was, {.shape = shape(17), .attendees = {kSection, kCentre}}, InvitationSend::changes);
  CHECK(moved.sequence == 2);
  CHECK(moved.update);
  CHECK(moved.requests == std::vector{kSection, kCentre});
  CHECK(moved.dropped == std::vector{kCouncil});
  CHECK(moved.cancellations.empty());

  const auto new_place = plan_invitation_messages(
      was, {.shape = shape(10, "5階"), .attendees = was.attendees}, InvitationSend::changes);
  CHECK(new_place.sequence == 2);
  CHECK(new_place.requests.size() == 3);
}

TEST_CASE("a changed attendee list sends only to those added or dropped, at the same SEQUENCE") {
  const auto was = sent(3, shape(10), {kSection, kCentre});
  const auto changed = plan_invitation_messages(
      was, {.shape = shape(10), .attendees = {kSection, kCouncil}}, InvitationSend::changes);
  CHECK(changed.sequence == 3);
  CHECK_FALSE(changed.update);
  CHECK(changed.requests == std::vector{kCouncil});
  CHECK(changed.dropped == std::vector{kCentre});
  CHECK(changed.attendees == std::vector{kSection, kCouncil});

  CHECK(plan_invitation_messages(was, {.shape = shape(10), .attendees = was.attendees},
                                 InvitationSend::changes)
            .empty());
  const auto again = plan_invitation_messages(was, {.shape = shape(10), .attendees = was.attendees},
                                              InvitationSend::all);
  CHECK(again.sequence == 3);
  CHECK(again.requests == was.attendees);
  CHECK_FALSE(again.update);
}

TEST_CASE("a cancelled meeting is a CANCEL to everyone sent to, once; an undo invites again") {
  const auto was = sent(1, shape(10), {kSection, kCentre});
  MeetingShape cancelled_shape = shape(10);
  cancelled_shape.cancelled = true;
  const auto cancelled = plan_invitation_messages(
      was, {.shape = cancelled_shape, .attendees = {kSection, kCentre, kCouncil}},
      InvitationSend::changes);
  CHECK(cancelled.sequence == 2);
  CHECK(cancelled.cancellations == std::vector{kSection, kCentre});
  CHECK(cancelled.requests.empty());
  CHECK(cancelled.attendees == std::vector{kSection, kCentre});

  const auto after = sent(2, cancelled_shape, {kSection, kCentre});
  CHECK(plan_invitation_messages(after, {.shape = cancelled_shape, .attendees = {kSection}},
                                 InvitationSend::changes)
            .empty());
  CHECK(plan_invitation_messages(after, {.shape = cancelled_shape, .attendees = {kSection}},
                                 InvitationSend::all)
            .cancellations.size() == 2);

  const auto undone = plan_invitation_messages(
      after, {.shape = shape(10), .attendees = {kSection, kCentre}}, InvitationSend::changes);
  CHECK(undone.sequence == 3);
  CHECK(undone.update);
  CHECK(undone.requests == std::vector{kSection, kCentre});
}
