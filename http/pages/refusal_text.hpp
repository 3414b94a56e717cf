#pragma once

// A refusal in the page's language. English pages show the server's message as it is; Japanese
// pages a sentence of their own for each refusal the server tells apart (HttpError::refusal), then
// its problems' sentences (HttpError::problems, by their meanings, meaning_text.hpp) one a line;
// for any other, or one with a problem they have no sentence for, the lead-in of its kind (or the
// refusal's sentence) with the message as it came, marked as English.

#include <string>

#include "engine/base/language.hpp"
#include "http/transport/http_error.hpp"

namespace torikumi::http::page {

struct RefusalText {
  std::string text;      // in the page's language
  std::string original;  // the server's English message, when `text` does not say it; else empty
};

// `occurrence "higashi-kyosei/m/2026-04" is done already` on a Japanese page:
// 「higashi-kyosei/m/2026-04」はすでに完了です。取り消してから記録し直してください。
RefusalText refusal_text(const HttpError& error, Language language);

}  // namespace torikumi::http::page
