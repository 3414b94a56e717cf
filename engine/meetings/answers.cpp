#include "engine/meetings/answers.hpp"

#include <array>
#include <utility>

namespace torikumi {

namespace {

constexpr std::array<std::pair<AnswerState, std::string_view>, 5> kStates{{
    {AnswerState::needs_action, "needs-action"},
    {AnswerState::accepted, "accepted"},
    {AnswerState::declined, "declined"},
    {AnswerState::tentative, "tentative"},
    {AnswerState::delegated, "delegated"},
}};

constexpr std::array<std::pair<AnswerChannel, std::string_view>, 5> kChannels{{
    {AnswerChannel::email, "email"},
    {AnswerChannel::link, "link"},
    {AnswerChannel::phone, "phone"},
    {AnswerChannel::fax, "fax"},
    {AnswerChannel::office, "office"},
}};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string_view to_string(AnswerState state) {
  for (const auto& [value, text] : kStates)
    if (value == state) return text;
  return "needs-action";
}

std::optional<AnswerState> parse_answer_state(std::string_view text) {
  for (const auto& [value, name] : kStates)
    if (name == text) return value;
  return std::nullopt;
}

std::string_view to_string(AnswerChannel channel) {
  for (const auto& [value, text] : kChannels)
    if (value == channel) return text;
  return "email";
}

std::optional<AnswerChannel> parse_answer_channel(std::string_view text) {
  for (const auto& [value, name] : kChannels)
    if (name == text) return value;
  return std::nullopt;
}

std::string_view to_string(AnswerVerdict verdict) {
  switch (verdict) {
    case AnswerVerdict::applied:
      return "applied";
    case AnswerVerdict::stale:
      return "stale";
    case AnswerVerdict::unchanged:
      return "unchanged";
  }
  return "applied";
}

AnswerVerdict weigh_answer(const std::optional<Answer>& current, const Answer& incoming) {
  if (!current) return AnswerVerdict::applied;
  if (incoming.sequence < current->sequence) return AnswerVerdict::stale;
  if (incoming.sequence == current->sequence && incoming.stamp && current->stamp &&
      *incoming.stamp < *current->stamp)
    return AnswerVerdict::stale;
  if (incoming.state == current->state && incoming.comment == current->comment &&
      incoming.delegate == current->delegate)
    return AnswerVerdict::unchanged;
  return AnswerVerdict::applied;
}

std::string bounded_answer_text(std::string_view text, std::size_t bytes) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  if (text.size() <= bytes) return std::string{text};
  std::size_t end = bytes;
  // Step back over continuation bytes to the start of the character that would be split.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  std::string_view cut = text.substr(0, end);
  while (!cut.empty() && is_blank(cut.back())) cut.remove_suffix(1);
  return std::string{cut};
}

}  // namespace torikumi
