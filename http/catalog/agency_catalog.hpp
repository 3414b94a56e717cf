#pragma once

// The agencies a server knows (engine/meetings/agency.hpp), behind one small interface beside the
// plans': an immutable snapshot, replaced whenever they change, that the feeds of an agency and
// of a person read without waiting for the store. The server's StorePlanCatalog keeps it
// (http/catalog/store_catalog.hpp); MemoryAgencyCatalog holds agencies given once, for tests.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/meetings/agency.hpp"

namespace torikumi::http {

struct AgencySnapshot {
  std::vector<Agency> agencies;  // by name, with their members current and former
  // Raised whenever they change; the feed cache keys agencies' feeds on it.
  std::uint64_t revision = 0;
  // Every member's address by person_feed_key (the first row's spelling): whose feed a
  // /calendars/person/KEY.ics is.
  std::map<std::string, std::string, std::less<>> addresses_by_key;
};

using AgenciesPointer = std::shared_ptr<const AgencySnapshot>;

// The snapshot of `agencies` at `revision`, with its keys.
AgenciesPointer agency_snapshot(std::vector<Agency> agencies, std::uint64_t revision);

// The name a person's feed is published under: the first 16 hex digits of the SHA-256 of their
// address with ASCII letters in lower case (same_address: Takikan@ and takikan@ are one person),
// so that no address is in a feed's URL or in the request log. It is no secret: a person's feed
// still needs its subscription's secret, or an editor's or an admin's token.
std::string person_feed_key(std::string_view email);

class AgencyCatalog {
 public:
  virtual ~AgencyCatalog() = default;
  // The agencies as they are now; never null.
  virtual AgenciesPointer agencies() const = 0;
};

// Agencies given once; they never change (revision 1).
class MemoryAgencyCatalog final : public AgencyCatalog {
 public:
  explicit MemoryAgencyCatalog(std::vector<Agency> agencies = {})
      : snapshot_(agency_snapshot(std::move(agencies), 1)) {}
  AgenciesPointer agencies() const override { return snapshot_; }

 private:
  AgenciesPointer snapshot_;
};

}  // namespace torikumi::http
