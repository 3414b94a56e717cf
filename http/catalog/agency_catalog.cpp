#include "http/catalog/agency_catalog.hpp"

#include "store/secrets.hpp"

namespace torikumi::http {

AgenciesPointer agency_snapshot(std::vector<Agency> agencies, std::uint64_t revision) {
  auto snapshot = std::make_shared<AgencySnapshot>();
  snapshot->agencies = std::move(agencies);
  snapshot->revision = revision;
  for (const Agency& agency : snapshot->agencies)
    for (const Member& member : agency.members)
      snapshot->addresses_by_key.emplace(person_feed_key(member.email), member.email);
  return snapshot;
}

std::string person_feed_key(std::string_view email) {
  std::string lowered{email};
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return store::sha256_hex(lowered).substr(0, 16);
}

}  // namespace torikumi::http
