#include "http/pages/refusal_text.hpp"

#include <optional>

#include "http/pages/labels.hpp"
#include "http/pages/meaning_text.hpp"

namespace torikumi::http::page {

namespace {

// The subject at `index`, or empty when the refusal came without it.
std::string subject(const HttpError& error, std::size_t index) {
  return index < error.subjects.size() ? error.subjects[index] : std::string{};
}

// An occurrence's status as the pages show it: 完了, 見送り, 中止, 予定, 日程確定.
std::string status_words(const std::string& status) {
  return std::string{label_or(Language::japanese, "status_" + status, status)};
}

// A form field as its form labels it.
std::string field_words(const std::string& field) {
  constexpr std::pair<std::string_view, std::string_view> kFields[] = {
      {"note", "メモ"},       {"reason", "理由"},
      {"place", "場所"},      {"label", "用途"},
      {"text", "進捗"},       {"holder", "氏名"},
      {"owner", "担当"},      {"when", "日程"},
      {"kind", "種類"},       {"meeting_rule", "会議の日時・場所"},
      {"recipients", "宛先"}, {"escalation", "エスカレーション先"}};
  for (const auto& [name, words] : kFields)
    if (name == field) return std::string{words};
  return field;
}

// The Japanese sentence of a refusal the server tells apart; empty for none.
std::string known_refusal_sentence(const HttpError& error) {
  const auto quoted = [&](std::size_t index) { return "「" + subject(error, index) + "」"; };
  switch (error.refusal) {
    case KnownRefusal::none:
      return {};
    case KnownRefusal::not_signed_in:
      return "サインインしてください。";
    case KnownRefusal::form_expired:
      return "フォームの有効期限が切れました。ページを開き直してください。";
    case KnownRefusal::viewer_cannot_record:
      return "閲覧者のトークンでは記録できません。";
    case KnownRefusal::occurrence_closed:
      return quoted(0) + "はすでに" + status_words(subject(error, 1)) +
             "です。取り消してから記録し直してください。";
    case KnownRefusal::nothing_to_undo:
      return quoted(0) + "は" + status_words(subject(error, 1)) +
             "のままで、取り消す記録がありません。";
    case KnownRefusal::orphan_occurrence:
      return quoted(0) + "は取組" + quoted(1) + "の最新の版にないため、記録できません。";
    case KnownRefusal::no_plan:
      return "取組" + quoted(0) + "はありません。";
    case KnownRefusal::plan_has_no_occurrence:
      return "取組" + quoted(0) + "に" + quoted(1) + "はありません。";
    case KnownRefusal::field_too_long:
      return field_words(subject(error, 0)) + "が" + subject(error, 1) + "文字です。" +
             subject(error, 2) + "文字以内で入力してください。";
    case KnownRefusal::subscription_needs_editor:
      return "閲覧者のトークンではカレンダー購読リンクを作れません（編集者か管理者のトークンが必要"
             "です）。";
    case KnownRefusal::organisation_needs_admin:
      return "組織のカレンダー購読リンクは管理者のトークンでのみ作れます。";
    case KnownRefusal::agency_needs_admin:
      return "機関のカレンダー購読リンクは管理者のトークンでのみ作れます。";
    case KnownRefusal::person_needs_admin:
      return "個人のカレンダー購読リンクは管理者のトークンでのみ作れます。";
    case KnownRefusal::token_needs_admin:
      return "トークンは管理者のトークンでのみ作れます。";
    case KnownRefusal::no_such_token:
      return "トークン " + subject(error, 0) + " は、あなたのトークンで作られたものにありません。";
    case KnownRefusal::no_such_subscription:
      return "購読リンク " + subject(error, 0) +
             " は、あなたのトークンで作られたものにありません。";
    case KnownRefusal::no_such_page:
      return "ページ" + quoted(0) + "はありません。";
    case KnownRefusal::unknown_period:
      return "期間" + quoted(0) + "はありません。";
    case KnownRefusal::unknown_role:
      return "役割" + quoted(0) + "はありません（viewer、editor、admin のいずれか）。";
    case KnownRefusal::directory_needs_admin:
      return "担当と宛先の名簿は管理者だけが変更できます。";
    case KnownRefusal::directory_needs_editor:
      return "担当と宛先の名簿にはメールアドレスが載っているため、閲覧者には表示しません（編集者か"
             "管理者が見られます）。";
    case KnownRefusal::bad_recipient_line:
      return std::string{subject(error, 0) == "escalation" ? "エスカレーション先" : "宛先"} + "の" +
             subject(error, 1) + "行目" + quoted(2) +
             "はメールアドレスとして読めません。1行に1人、「氏名 <メールアドレス>」"
             "かメールアドレスだけを書いてください。";
    case KnownRefusal::entry_needs_recipient:
      return (subject(error, 0).empty() ? std::string{"「名簿にない担当すべて」"}
                                        : "担当" + quoted(0)) +
             "には宛先が1人以上必要です。";
    case KnownRefusal::owner_needs_name:
      return "担当の名前を入力してください。";
    case KnownRefusal::plan_file_too_large:
      return quoted(0) + "は" + subject(error, 1) + "あり、上限の" + subject(error, 2) +
             "を超えています。";
    case KnownRefusal::unreadable_plan:
      return quoted(0) + "を計画として読み取れません。";
    case KnownRefusal::plan_id_mismatch:
      return quoted(0) + "の計画のIDは" + quoted(1) + "で、置き換える取組" + quoted(2) +
             "と違います。";
    case KnownRefusal::schedules_refused:
      return quoted(0) + "には読み取れない日程が" + subject(error, 1) +
             "件あるため、保存しませんでした。シートを直すか、その取組を日付なしで保存してくださ"
             "い。";
  }
  return {};
}

// The refusal's problems in Japanese, one a line, each after the field or path it is about (empty
// for none); nullopt unless every one has a sentence.
std::optional<std::string> japanese_problems(const HttpError& error) {
  std::string text;
  for (const Diagnostic& problem : error.problems) {
    const std::optional<std::string> sentence = japanese_sentence(problem.meaning);
    if (!sentence) return std::nullopt;
    if (!text.empty()) text += "\n";
    if (!problem.where.empty()) text += field_words(problem.where) + "：";
    text += *sentence;
  }
  return text;
}

// What a refusal of this kind is, before its English message.
std::string japanese_lead_in(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request:
      return "入力を読み取れませんでした。";
    case ErrorKind::unauthorized:
      return "サインインが必要です。";
    case ErrorKind::forbidden:
      return "この操作は許可されていません。";
    case ErrorKind::not_found:
      return "見つかりませんでした。";
    case ErrorKind::conflict:
      return "今の状態では記録できません。";
    case ErrorKind::unprocessable:
      return "この内容では記録できません。";
    case ErrorKind::payload_too_large:
      return "送信された内容が大きすぎます。";
    case ErrorKind::method_not_allowed:
    case ErrorKind::unsupported_media:
    case ErrorKind::headers_too_large:
      return "この要求は受け付けられません。";
    case ErrorKind::internal:
      return "サーバーでエラーが起きました。";
  }
  return "記録できませんでした。";
}

}  // namespace

RefusalText refusal_text(const HttpError& error, Language language) {
  if (language == Language::english) return {error.message, {}};
  std::string text = known_refusal_sentence(error);
  const std::optional<std::string> problems = japanese_problems(error);
  if (problems && !problems->empty()) text += (text.empty() ? "" : "\n") + *problems;
  if (problems && !text.empty()) return {std::move(text), {}};
  return {text.empty() ? japanese_lead_in(error.kind) : std::move(text), error.message};
}

}  // namespace torikumi::http::page
