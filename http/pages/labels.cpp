#include "http/pages/labels.hpp"

#include <stdexcept>
#include <string>

#include "http/contract/limits.hpp"

namespace torikumi::http::page {

namespace {

// 日本語: the dashboard's own language.
const std::vector<Label> kJapanese{
    {"brand", "取組ダッシュボード"},
    {"sign_in", "サインイン"},
    {"sign_out", "サインアウト"},
    {"status_planned", "予定"},
    {"status_scheduled", "日程確定"},
    {"status_done", "完了"},
    {"status_skipped", "見送り"},
    {"status_cancelled", "中止"},
    {"status_overdue", "期限超過"},
    {"overview_title", "重要取組の進捗"},
    {"overview_heading", "重要取組の進捗"},
    {"no_plans", "表示する取組がありません。"},
    {"organisation_calendars", "組織のカレンダー"},
    {"done_prefix", "完了 "},
    {"overdue_prefix", "期限超過 "},
    {"logged_prefix", "随時の記録 "},
    {"plan_sheet", "取組シート"},
    {"progress_form_print", "様式4（印刷用）"},
    {"calendar_ics", "カレンダー (.ics)"},
    {"next_meetings", "次の会議"},
    {"no_meetings", "予定された会議はありません"},
    {"overdue_heading", "期限超過"},
    {"due_prefix", "期限 "},
    {"share_before", "（"},
    {"share_after", "分）"},
    {"and_more_before", "ほか "},
    {"and_more_after", " 件"},
    {"progress_by_period", "進捗の状況"},
    {"fiscal_year_heading", "年間の予定"},
    {"sheet_heading", "取組シート"},
    {"issues", "現状・課題"},
    {"measures", "取組の内容"},
    {"whole_year", "通年"},
    {"schedule", "スケジュール"},
    {"progress", "進捗の状況"},
    {"nothing_recorded", "記録なし"},
    {"policy_prefix", "該当する施策: "},
    {"kpi", "寄与するKPI"},
    {"baseline_prefix", "基準値: "},
    {"target_prefix", "目標値: "},
    {"recorded_prefix", "実績値: "},
    {"none_yet", "記録なし"},
    {"year_suffix", "年度"},
    {"sdg_goal", "SDGsのゴール"},
    {"owner_prefix", "担当: "},
    {"record", "記録"},
    {"undo", "取り消す"},
    {"memo_placeholder", "メモ（任意）"},
    {"memo", "メモ"},
    {"mark_done", "完了にする"},
    {"reason_placeholder", "見送る理由"},
    {"reason", "理由"},
    {"skip", "見送る"},
    {"date_time", "日時"},
    {"place", "場所"},
    {"set_date_place", "日時・場所を設定"},
    {"make_subscription", "カレンダー購読リンクを作る"},
    {"owner", "担当"},
    {"whole_plan", "取組全体"},
    {"label_placeholder", "用途（例: 課のOutlook）"},
    {"label", "用途"},
    {"create", "作成"},
    {"write_note", "進捗を書く"},
    {"task", "取組"},
    {"whole_period", "（期間全体）"},
    {"note", "進捗"},
    {"add", "追加"},
    {"reminders_heading", "リマインダー（メール）"},
    {"no_webhooks", "設定にWebhookがないため、リマインダーは送信されません（docs/config.md）。"},
    {"upcoming", "今後の予定"},
    {"none_planned", "予定されたリマインダーはありません"},
    {"no_recipients", "宛先なし（ディレクトリ未登録）"},
    {"delivery_log", "送信記録"},
    {"nothing_sent", "まだ送信はありません"},
    {"column_due", "予定日時"},
    {"column_subject", "件名"},
    {"column_state", "状態"},
    {"column_attempts", "試行"},
    {"column_last_answer", "最後の応答"},
    {"delivery_state_pending", "送信待ち"},
    {"delivery_state_delivered", "送信済み"},
    {"delivery_state_dead", "送信失敗"},
    {"delivery_state_withdrawn", "取り下げ"},
    {"timeline", "年間タイムライン"},
    {"month_suffix", "月"},
    {"today", "今日"},
    {"skipped_cancelled", "見送り・中止"},
    {"meeting", "会議"},
    {"not_found", "見つかりません"},
    {"back_to_overview", "一覧へ戻る"},
    {"not_recorded", "記録できませんでした"},
    {"back", "戻る"},
    {"token_help_before", "管理者から受け取ったトークン（"},
    {"token_help_after", " で作成）を入力してください。"},
    {"token", "トークン"},
    {"subscription_heading", "カレンダー購読リンク"},
    {"subscription_shown_once",
     "このリンクは今回だけ表示されます。Outlook・Google・Apple・Thunderbird "
     "の「URLで購読」に貼り付けてください。"},
    {"open_in_calendar_app", "カレンダーアプリで開く"},
    {"back_to_plan", "取組へ戻る"},
};

// English, on request (?lang=en).
const std::vector<Label> kEnglish{
    {"brand", "initiatives dashboard"},
    {"sign_in", "Sign in"},
    {"sign_out", "Sign out"},
    {"status_planned", "planned"},
    {"status_scheduled", "scheduled"},
    {"status_done", "done"},
    {"status_skipped", "skipped"},
    {"status_cancelled", "cancelled"},
    {"status_overdue", "overdue"},
    {"overview_title", "Key initiatives"},
    {"overview_heading", "Key initiatives: progress"},
    {"no_plans", "No plans loaded."},
    {"organisation_calendars", "Organisation calendars"},
    {"done_prefix", "done "},
    {"overdue_prefix", "overdue "},
    {"logged_prefix", "logged "},
    {"plan_sheet", "plan sheet"},
    {"progress_form_print", "progress form (print)"},
    {"calendar_ics", "calendar (.ics)"},
    {"next_meetings", "Next meetings"},
    {"no_meetings", "none scheduled"},
    {"overdue_heading", "Overdue"},
    {"due_prefix", "due "},
    {"share_before", "("},
    {"share_after", " share)"},
    {"and_more_before", "and "},
    {"and_more_after", " more"},
    {"progress_by_period", "Progress by period"},
    {"fiscal_year_heading", "The fiscal year"},
    {"sheet_heading", "The sheet"},
    {"issues", "Situation and issues"},
    {"measures", "Measures"},
    {"whole_year", "Whole year"},
    {"schedule", "Schedule"},
    {"progress", "Progress"},
    {"nothing_recorded", "nothing recorded"},
    {"policy_prefix", "policy: "},
    {"kpi", "KPI"},
    {"baseline_prefix", "baseline: "},
    {"target_prefix", "target: "},
    {"recorded_prefix", "recorded: "},
    {"none_yet", "none yet"},
    {"year_suffix", ""},
    {"sdg_goal", "SDG goal"},
    {"owner_prefix", "owner: "},
    {"record", "record"},
    {"undo", "Undo"},
    {"memo_placeholder", "note (optional)"},
    {"memo", "note"},
    {"mark_done", "Mark done"},
    {"reason_placeholder", "reason"},
    {"reason", "reason"},
    {"skip", "Skip"},
    {"date_time", "date and time"},
    {"place", "place"},
    {"set_date_place", "Set date and place"},
    {"make_subscription", "make a calendar subscription link"},
    {"owner", "owner"},
    {"whole_plan", "the whole plan"},
    {"label_placeholder", "label (e.g. team Outlook)"},
    {"label", "label"},
    {"create", "Create"},
    {"write_note", "write a progress note"},
    {"task", "task"},
    {"whole_period", "(the whole period)"},
    {"note", "note"},
    {"add", "Add"},
    {"reminders_heading", "Reminders (email)"},
    {"no_webhooks", "No webhooks are configured, so no reminder is sent (docs/config.md)."},
    {"upcoming", "Upcoming"},
    {"none_planned", "none planned"},
    {"no_recipients", "no recipients (not in the directory)"},
    {"delivery_log", "Delivery log"},
    {"nothing_sent", "nothing sent yet"},
    {"column_due", "due"},
    {"column_subject", "subject"},
    {"column_state", "state"},
    {"column_attempts", "attempts"},
    {"column_last_answer", "last answer"},
    {"delivery_state_pending", "waiting to be sent"},
    {"delivery_state_delivered", "delivered"},
    {"delivery_state_dead", "failed"},
    {"delivery_state_withdrawn", "withdrawn"},
    {"timeline", "fiscal-year timeline"},
    {"month_suffix", ""},
    {"today", "today"},
    {"skipped_cancelled", "skipped / cancelled"},
    {"meeting", "meeting"},
    {"not_found", "Not found"},
    {"back_to_overview", "Back to the overview"},
    {"not_recorded", "Not recorded"},
    {"back", "Back"},
    {"token_help_before", "Enter the token you were given (made with "},
    {"token_help_after", ")."},
    {"token", "token"},
    {"subscription_heading", "Calendar subscription link"},
    {"subscription_shown_once",
     "This link is shown only now. Paste it into \"subscribe by URL\" in Outlook, Google, Apple "
     "or Thunderbird."},
    {"open_in_calendar_app", "open in the calendar app"},
    {"back_to_plan", "Back to the plan"},
};

templates::View shared_view_of(Language language) {
  templates::View shared{templates::View::type::object};
  for (const Label& entry : labels(language))
    templates::put(shared, "t_" + std::string{entry.key}, std::string{entry.text});
  // The forms' maxlength: what the server enforces (http/contract/limits.hpp), by field name.
  for (const limits::FieldLimit& field : limits::kFields)
    templates::put(shared, "limits_" + std::string{field.field},
                   std::to_string(field.max_characters));
  return shared;
}

}  // namespace

const std::vector<Label>& labels(Language language) {
  return language == Language::english ? kEnglish : kJapanese;
}

std::string_view label(Language language, std::string_view key) {
  for (const Label& entry : labels(language))
    if (entry.key == key) return entry.text;
  throw std::logic_error("no label " + std::string{key});
}

const templates::View& shared_view(Language language) {
  static const templates::View japanese = shared_view_of(Language::japanese);
  static const templates::View english = shared_view_of(Language::english);
  return language == Language::english ? english : japanese;
}

}  // namespace torikumi::http::page
