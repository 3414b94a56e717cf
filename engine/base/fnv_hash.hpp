#pragma once

// FNV-1a, 32 and 64 bits: a short, stable key of a text for an id (not for security). The same
// bytes give the same key on every machine and in every release.

#include <cstdint>
#include <string_view>

namespace torikumi {

constexpr std::uint32_t fnv1a_32(std::string_view bytes) {
  std::uint32_t hash = 2166136261u;
  for (const char byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= 16777619u;
  }
  return hash;
}

constexpr std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037u;
  for (const char byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= 1099511628211u;
  }
  return hash;
}

}  // namespace torikumi
