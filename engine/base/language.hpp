#pragma once

// The two languages torikumi writes in: Japanese, the default, and English. The config chooses
// the dashboard's default and the reminders'; a page can switch with ?lang=.

namespace torikumi {

enum class Language { japanese, english };

}  // namespace torikumi
