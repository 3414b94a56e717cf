#pragma once

// Where a meeting occurrence's page is, for links in invitations and pages.

#include <string>
#include <string_view>

#include "engine/plan/config.hpp"
#include "http/contract/routes.hpp"

namespace torikumi::http {

// BASE/meetings/<occurrence id>. Occurrence ids are [A-Za-z0-9._-] and '/', safe in a path.
inline std::string meeting_page_url(const HttpUrl& base, std::string_view occurrence_id) {
  return base.text + std::string{routes::kMeetingsPrefix} + std::string{occurrence_id};
}

}  // namespace torikumi::http
