#pragma once

// The email gateway's webhook, POST /inbound/email[/SECRET][/mime] (docs/mail.md): the post
// authenticated and unwrapped (http/inbound/gateway_request.hpp), the message read (mail/
// inbound_message.hpp), its replies matched and recorded (http/meetings/reply_intake.hpp). Each
// refusal answers with a status that says what was wrong and is logged; nothing refused is kept.

#include <functional>
#include <optional>
#include <string>

#include "http/catalog/store_catalog.hpp"
#include "http/meetings/invitation_sender.hpp"
#include "http/transport/route.hpp"

namespace torikumi::http {

struct InboundContext {
  StorePlanCatalog& catalog;
  std::optional<MeetingsOptions> meetings;  // none: the webhook answers 404
  std::function<date::sys_seconds()> clock;
  std::function<void(const std::string&)> log;  // one JSON line per refusal
};

// The row of POST /inbound/email: its own body bound (limits::kMaxInboundBodyBytes), the body
// taken whole whatever its type. `context` must outlive the route.
Route inbound_email_route(const InboundContext& context);

}  // namespace torikumi::http
