#pragma once

// How doctest prints a Meaning when a check fails: its code and its subjects, then its causes.

#include <doctest/doctest.h>

#include <string>

#include "engine/base/meaning.hpp"

namespace doctest {
template <>
struct StringMaker<torikumi::Meaning> {
  static std::string text(const torikumi::Meaning& meaning) {
    std::string out = meaning.code + " {";
    for (const std::string& subject : meaning.subjects) out += " \"" + subject + "\"";
    out += " }";
    for (const torikumi::Meaning& cause : meaning.causes) out += " because " + text(cause);
    return out;
  }
  static String convert(const torikumi::Meaning& meaning) { return text(meaning).c_str(); }
};
}  // namespace doctest
