// The dashboard's pages around signing in and the answers to its forms: the sign-in form, a
// refused form, a subscription just made.

#include <sstream>

#include "engine/text/html.hpp"
#include "http/pages/dashboard.hpp"
#include "http/pages/page_text.hpp"
#include "http/transport/url.hpp"

namespace torikumi::http {

using page::words;

std::string render_refused_page(std::string_view message, std::string_view back,
                                const PageContext& context) {
  std::ostringstream out;
  const Language language = context.language;
  out << "<h1>" << words(language, "記録できませんでした", "Not recorded")
      << "</h1><p class=\"card notice\">" << escape_html(message) << "</p><p><a href=\""
      << escape_html(back) << "\">" << words(language, "戻る", "Back") << "</a></p>";
  return page::frame(words(language, "記録できませんでした", "Not recorded"), out.str(), context);
}

std::string render_sign_in_page(std::string_view csrf_token, std::string_view next,
                                std::string_view message, const PageContext& context) {
  std::ostringstream out;
  const Language language = context.language;
  out << "<h1>" << words(language, "サインイン", "Sign in") << "</h1>";
  if (!message.empty()) out << "<p class=\"card notice\">" << escape_html(message) << "</p>";
  out << "<section class=\"card\"><p>"
      << words(language,
               "管理者から受け取ったトークン（<code>torikumi token create</code> "
               "で作成）を入力してください。",
               "Enter the token you were given (made with <code>torikumi token create</code>).")
      << "</p><form class=\"action\" method=\"post\" action=\"/signin\"><input type=\"hidden\" "
         "name=\"csrf\" value=\""
      << escape_html(csrf_token) << "\"><input type=\"hidden\" name=\"next\" value=\""
      << escape_html(next)
      << "\"><input type=\"password\" name=\"token\" id=\"token\" required "
         "autocomplete=\"current-password\" "
         "size=\"50\" aria-label=\""
      << words(language, "トークン", "token") << "\"><button id=\"sign-in\">"
      << words(language, "サインイン", "Sign in") << "</button></form></section>";
  return page::frame(words(language, "サインイン", "Sign in"), out.str(), context);
}

std::string render_subscription_page(const PlanSnapshot& snapshot, std::string_view https_url,
                                     const PageContext& context) {
  std::ostringstream out;
  const Language language = context.language;
  const std::string webcal = webcal_url(https_url);
  out << "<h1>" << words(language, "カレンダー購読リンク", "Calendar subscription link")
      << "</h1><section class=\"card\"><p>" << escape_html(snapshot.plan->initiative) << "</p><p>"
      << words(language,
               "このリンクは今回だけ表示されます。Outlook・Google・Apple・Thunderbird "
               "の「URLで購読」に貼り付けてください。",
               "This link is shown only now. Paste it into \"subscribe by URL\" in Outlook, "
               "Google, Apple or Thunderbird.")
      << "</p><h3>webcal://</h3><p><a href=\"" << escape_html(webcal) << "\">"
      << words(language, "カレンダーアプリで開く", "open in the calendar app")
      << "</a></p><code class=\"secret\" id=\"webcal\">" << escape_html(webcal)
      << "</code><h3>https://</h3><code class=\"secret\" id=\"https\">" << escape_html(https_url)
      << "</code><p><a href=\"/plans/" << escape_html(snapshot.plan->id) << "\">"
      << words(language, "取組へ戻る", "Back to the plan") << "</a></p></section>";
  return page::frame(words(language, "カレンダー購読リンク", "Calendar subscription link"),
                     out.str(), context);
}

}  // namespace torikumi::http
