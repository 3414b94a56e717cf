#include "engine/meetings/answers.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace torikumi;
using namespace std::chrono_literals;

namespace {

constexpr date::sys_seconds at(int hour) {
  return date::sys_days{date::year{2026} / 6 / 1} + std::chrono::hours{hour};
}

Answer answer(AnswerState state, std::uint32_t sequence, std::optional<date::sys_seconds> stamp,
              std::string comment = {}) {
  return Answer{.state = state,
                .comment = std::move(comment),
                .delegate = {},
                .channel = AnswerChannel::email,
                .sequence = sequence,
                .stamp = stamp,
                .received_at = at(12)};
}

}  // namespace

TEST_CASE("the states and channels of an answer are written and read by the same names") {
  for (const auto state : {AnswerState::needs_action, AnswerState::accepted, AnswerState::declined,
                           AnswerState::tentative, AnswerState::delegated})
    CHECK(parse_answer_state(to_string(state)) == state);
  for (const auto channel : {AnswerChannel::email, AnswerChannel::link, AnswerChannel::phone,
                             AnswerChannel::fax, AnswerChannel::office})
    CHECK(parse_answer_channel(to_string(channel)) == channel);
  CHECK(to_string(AnswerState::needs_action) == "needs-action");
  CHECK_FALSE(parse_answer_state("ACCEPTED"));
  CHECK_FALSE(parse_answer_channel("mail"));
}

TEST_CASE("a first answer is applied, and one to an older SEQUENCE never overwrites a newer") {
  CHECK(weigh_answer(std::nullopt, answer(AnswerState::accepted, 0, at(9))) ==
        AnswerVerdict::applied);
  const Answer kept = answer(AnswerState::declined, 2, at(9));
  CHECK(weigh_answer(kept, answer(AnswerState::accepted, 1, at(11))) == AnswerVerdict::stale);
  CHECK(weigh_answer(kept, answer(AnswerState::accepted, 3, at(8))) == AnswerVerdict::applied);
}

TEST_CASE("at the same SEQUENCE an answer made before the kept one is stale") {
  const Answer kept = answer(AnswerState::accepted, 1, at(10));
  CHECK(weigh_answer(kept, answer(AnswerState::declined, 1, at(9))) == AnswerVerdict::stale);
  CHECK(weigh_answer(kept, answer(AnswerState::declined, 1, at(10))) == AnswerVerdict::applied);
  CHECK(weigh_answer(kept, answer(AnswerState::declined, 1, at(11))) == AnswerVerdict::applied);
  // An email with no DTSTAMP cannot be ordered by it: the later arrival wins.
  CHECK(weigh_answer(kept, answer(AnswerState::declined, 1, std::nullopt)) ==
        AnswerVerdict::applied);
}

TEST_CASE("the same answer again is unchanged, whatever channel brings it") {
  const Answer kept = answer(AnswerState::tentative, 0, at(9), "少し遅れます");
  Answer again = answer(AnswerState::tentative, 0, at(10), "少し遅れます");
  again.channel = AnswerChannel::link;
  CHECK(weigh_answer(kept, again) == AnswerVerdict::unchanged);
  CHECK(weigh_answer(kept, answer(AnswerState::tentative, 0, at(10), "")) ==
        AnswerVerdict::applied);
  CHECK(weigh_answer(kept, kept) == AnswerVerdict::unchanged);
}

TEST_CASE("an answer's text is trimmed and cut without splitting a character") {
  CHECK(bounded_answer_text("  出席します \r\n", 100) == "出席します");
  CHECK(bounded_answer_text("出席します", 7) == "出席");  // 3 bytes each: 7 cuts inside 席
  CHECK(bounded_answer_text("出席します", 6) == "出席");
  CHECK(bounded_answer_text("ab cd", 3) == "ab");
  CHECK(bounded_answer_text("", 3).empty());
}
