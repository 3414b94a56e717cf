// The directory's values: read from JSON (the config's and the API's), and from a form's box.

#include "engine/plan/directory.hpp"

#include <doctest/doctest.h>

using namespace torikumi;

namespace {

std::vector<std::string> problems(const std::string& text) {
  const auto read = read_directory_json(text, "directory");
  std::vector<std::string> out;
  if (!read)
    for (const auto& diagnostic : read.error()) out.push_back(diagnostic.to_string());
  return out;
}

}  // namespace

TEST_CASE("a form's box is read one person per line, with or without a name") {
  const auto people = parse_recipient_lines(
      "東 花子 <hanako@example.org>\r\n\n   takikan@example.org  \n課長<chief@example.org>\n");
  REQUIRE(people.ok());
  CHECK(*people == std::vector<Recipient>{{"東 花子", "hanako@example.org"},
                                          {"", "takikan@example.org"},
                                          {"課長", "chief@example.org"}});
  CHECK(recipient_lines(*people) ==
        "東 花子 <hanako@example.org>\n<takikan@example.org>\n課長 <chief@example.org>\n");
  CHECK(parse_recipient_lines(recipient_lines(*people)).value() == *people);
  CHECK(parse_recipient_lines("  \n").value().empty());
}

TEST_CASE("a line that is not one person is refused with its number and text") {
  for (const auto& [text, line, shown] :
       {std::tuple{"a@b.jp\n東 花子\n", 2, "東 花子"}, std::tuple{"\n\nx@y@z", 3, "x@y@z"},
        std::tuple{"花子 <hanako@example.org", 1, "花子 <hanako@example.org"},
        std::tuple{"a@b.jp, c@d.jp", 1, "a@b.jp, c@d.jp"}, std::tuple{"<>", 1, "<>"}}) {
    const auto read = parse_recipient_lines(text);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().line == static_cast<std::size_t>(line));
    CHECK(read.error().text == shown);
  }
  CHECK(parse_recipient_lines("東 花子").error().message ==
        "line 1: expected an email address, got \"東 花子\"");
  std::string many;
  for (int i = 0; i <= 50; ++i) many += "p" + std::to_string(i) + "@example.org\n";
  const auto too_many = parse_recipient_lines(many);
  REQUIRE_FALSE(too_many.ok());
  CHECK(too_many.error().line == 0);
  CHECK(too_many.error().message == "expected at most 50 people");
}

TEST_CASE("the JSON of a directory reads back what directory_to_json wrote") {
  Directory directory;
  directory.owners["多機関協働担当"] = {{{"東 花子", "hanako@example.org"}},
                                        {{"課長", "c@example.org"}}};
  directory.unlisted = DirectoryEntry{{{"", "office@example.org"}}, {}};
  CHECK(read_directory_json(directory_to_json(directory).dump(), "directory").value() == directory);
  CHECK(read_directory_entry_json(R"({"recipients": [{"email": "a@b.jp"}]})", "entry").value() ==
        DirectoryEntry{{{"", "a@b.jp"}}, {}});
}

TEST_CASE("a directory's problems are each located, and its sizes bounded") {
  CHECK(problems(R"({"owners": {"": {"recipients": []}, "x\ny": {"recipients": []}}})") ==
        std::vector<std::string>{
            "directory.owners[\"\"]: an owner needs a name (the tasks without one take the "
            "unlisted entry)",
            "directory.owners[\"x\\ny\"]: owner: expected one line without control characters"});
  CHECK(problems(R"({"owners": {"a": {"recipients": [{"name": "n", "email": "a@b"}], "cc": []}},
                   "unlisted": {"escalation": []}})") ==
        std::vector<std::string>{"directory.owners[\"a\"].cc: unknown field",
                                 "directory.unlisted.recipients: missing"});
  std::string people = "[";
  for (int i = 0; i <= 50; ++i) people += std::string{i ? "," : ""} + R"({"email": "a@b"})";
  CHECK(problems(R"({"owners": {"a": {"recipients": )" + people + "]}}}") ==
        std::vector<std::string>{
            "directory.owners[\"a\"].recipients: expected at most 50 people, got 51"});
  CHECK(problems(R"({"owners": {"a": {"recipients": [{"email": ")" + std::string(250, 'a') +
                 R"(@b.jp"}]}}})") ==
        std::vector<std::string>{"directory.owners[\"a\"].recipients[0].email: expected an email "
                                 "address, got \"" +
                                 std::string(250, 'a') + "@b.jp\""});
  CHECK(problems("[]") == std::vector<std::string>{"directory: expected an object, got array []"});
}
