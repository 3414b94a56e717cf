// `torikumi import` and `torikumi check` on sheets with problems, run as a user runs them: the
// real binary through a shell, its exit status, standard output and standard error compared
// whole.

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const std::string kSheets = std::string{TORIKUMI_SOURCE_DIR} + "/tests/data/sheets/";

struct Run {
  int exit = -1;
  std::string out;
  std::string err;
};

std::string read_file(const fs::path& path) {
  std::ifstream file{path, std::ios::binary};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// A folder of its own for each test case, removed at the end.
struct Folder {
  fs::path path = fs::temp_directory_path() /
                  ("torikumi-cli-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
  Folder() { fs::create_directories(path); }
  ~Folder() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream{path / name, std::ios::binary} << text;
    return (path / name).string();
  }
  static inline int count = 0;
};

// Runs `torikumi ARGS` (a shell command line: quote what needs it) in the folder.
Run torikumi(const Folder& folder, const std::string& args) {
  const std::string command = "cd '" + folder.path.string() + "' && '" TORIKUMI_BINARY "' " + args +
                              " >'" + folder / "stdout" + "' 2>'" + folder / "stderr" + "'";
  const int status = std::system(command.c_str());
  Run run;
  run.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_file(folder.path / "stdout");
  run.err = read_file(folder.path / "stderr");
  return run;
}

std::string last_line(const std::string& text) {
  const std::size_t end = text.ends_with('\n') ? text.size() - 1 : text.size();
  const std::size_t start = text.rfind('\n', end == 0 ? 0 : end - 1);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start + 1));
}

const std::string kRefusedSheet =
    "東区役所\n取組項目\t防災\nスケジュール\t前期\t<input type=\"checkbox\"/> 説明会（夏頃） "
    "<input type=\"checkbox\"/> 相談会（夏頃）\n"
    "\t後期\t<input type=\"checkbox\"/> 訓練の実施（12、2月\n";
const std::string kRefusedWarnings =
    "s.txt:3: schedule \"（夏頃）\" not understood: unrecognised schedule \"夏頃\" at character 2 "
    "in \"（夏頃）\": seasons are not read; write the months, such as （7～8月）\n"
    "s.txt:4: schedule \"（12、2月\" not understood: unmatched \"（\" at character 1 in "
    "\"（12、2月\"\n";
const std::string kNoOwner =
    "s.txt: no 担当 (owner) for 3 tasks: give --owner TASK_OR_MEASURE=担当 or a companion file "
    "(--with FILE)\n";

TEST_CASE("import of a sheet with refused schedules exits 1, writes nothing and says why last") {
  Folder folder;
  folder.write("s.txt", kRefusedSheet);
  const Run run = torikumi(folder, "import s.txt -o plan.json");
  CHECK(run.exit == 1);
  CHECK(run.out.empty());
  CHECK_FALSE(fs::exists(folder / "plan.json"));
  CHECK(run.err == kRefusedWarnings + kNoOwner +
                       "s.txt: 2 schedules refused (above); nothing written: correct the sheet, "
                       "or give --lenient to import anyway\n");
  const Run to_stdout = torikumi(folder, "import s.txt");
  CHECK(to_stdout.exit == 1);
  CHECK(to_stdout.out.empty());
}

TEST_CASE("import --lenient writes the plan and says on its last line what it let through") {
  Folder folder;
  folder.write("s.txt", kRefusedSheet);
  const Run run = torikumi(folder, "import s.txt --lenient");
  CHECK(run.exit == 0);
  CHECK(nlohmann::json::parse(run.out)["tasks"].size() == 3);
  CHECK(run.err == kRefusedWarnings + kNoOwner +
                       "--lenient: imported s.txt with 2 schedules refused (above)\n");
}

TEST_CASE("check of a sheet with a refused schedule is not ok unless --lenient") {
  Folder folder;
  folder.write("s.txt", kRefusedSheet);
  const Run strict = torikumi(folder, "check s.txt");
  CHECK(strict.exit == 1);
  CHECK(strict.out.empty());
  CHECK(strict.err == kRefusedWarnings +
                          "s.txt: not ok: 2 schedules refused (above); give --lenient to accept "
                          "it anyway\n");
  const Run lenient = torikumi(folder, "check --lenient s.txt");
  CHECK(lenient.exit == 0);
  CHECK(lenient.out.starts_with("s.txt: ok: plan "));
  CHECK(lenient.err ==
        kRefusedWarnings + "--lenient: s.txt is ok with 2 schedules refused (above)\n");
  const Run kita = torikumi(folder, "check '" + kSheets + "kita.txt'");
  CHECK(kita.exit == 1);
  CHECK(last_line(kita.err) == kSheets +
                                   "kita.txt: not ok: 1 schedule refused (above); give --lenient "
                                   "to accept it anyway");
}

TEST_CASE("a sheet whose warnings are notes only is still ok") {
  Folder folder;
  const Run check = torikumi(folder, "check '" + kSheets + "nishi.txt'");
  CHECK(check.exit == 0);
  CHECK(check.out.starts_with(kSheets + "nishi.txt: ok: plan "));
  CHECK(last_line(check.err) ==
        kSheets + "nishi.txt:9: unrecognised row \"寄与する KPI | 訓練参加者数\"");
  CHECK(torikumi(folder, "import '" + kSheets + "nishi.txt' -o n.json").exit == 0);
  CHECK(fs::exists(folder / "n.json"));
}

// The seed sheet, its 11 dated or as-needed tasks without 担当 and its 3 meeting rows.
const std::string kSeed = kSheets + "higashi.txt";
const std::string kSeedNoOwner =
    kSeed +
    ": no 担当 (owner) for 11 tasks: give --owner TASK_OR_MEASURE=担当 or a companion "
    "file (--with FILE)\n";
const std::string kSeedNoTime =
    kSeed +
    ": 3 meeting tasks have no time: give --meeting-rule \"第2水曜日 14:00 90分 "
    "3階会議室\" or a companion file (--with FILE)\n";
// The line that ends a successful import without -o.
const std::string kSeedImported =
    "imported " + kSeed +
    ": plan higashi-chiiki-kyosei-shakai: 15 tasks (3 meetings), 3 measures, 11 progress "
    "lines, 1 KPI\n";

nlohmann::json task_owners(const std::string& plan_json) {
  nlohmann::json owners = nlohmann::json::object();
  const nlohmann::json plan = nlohmann::json::parse(plan_json);
  for (const auto& task : plan["tasks"])
    if (task.contains("owner")) owners[task["id"].get<std::string>()] = task["owner"];
  return owners;
}

TEST_CASE("import says in one line each that the sheet has no 担当 and no meeting times") {
  Folder folder;
  const Run bare = torikumi(folder, "import '" + kSeed + "'");
  CHECK(bare.exit == 0);
  CHECK(bare.err == kSeedNoOwner + kSeedNoTime + kSeedImported);
  const Run timed =
      torikumi(folder, "import '" + kSeed + "' --meeting-rule '第2水曜日 14:00 90分'");
  CHECK(timed.exit == 0);
  CHECK(timed.err == kSeedNoOwner + kSeedImported);
  const Run written = torikumi(folder, "import '" + kSeed + "' -o plan.json");
  CHECK(written.exit == 0);
  CHECK(written.out.empty());
  CHECK(written.err.ends_with(
      "imported " + kSeed +
      ": plan higashi-chiiki-kyosei-shakai: 15 tasks (3 meetings), 3 measures, 11 progress "
      "lines, 1 KPI; written to plan.json\n"));
}

TEST_CASE("an empty file says it is empty") {
  Folder folder;
  folder.write("empty.txt", "");
  folder.write("blank.txt", "\xEF\xBB\xBF \r\n\n\t\n");
  for (const char* name : {"empty.txt", "blank.txt"}) {
    CAPTURE(name);
    const Run imported = torikumi(folder, std::string{"import "} + name);
    CHECK(imported.exit == 1);
    CHECK(imported.out.empty());
    CHECK(imported.err == std::string{name} + ": the file is empty: expected a 重要取組シート\n");
    const Run checked = torikumi(folder, std::string{"check "} + name);
    CHECK(checked.exit == 1);
    CHECK(checked.err ==
          std::string{name} + ": the file is empty: expected a plan JSON or a 重要取組シート\n");
  }
}

TEST_CASE("--meeting-rule becomes the plan's meeting rule, and its meetings timed events") {
  Folder folder;
  const Run run = torikumi(folder, "import '" + kSeed +
                                       "' --meeting-rule '第２水曜日 14時 1時間30分 3階会議室' "
                                       "-o plan.json 2>/dev/null && '" TORIKUMI_BINARY
                                       "' ics - --fy 2026 <plan.json");
  CHECK(run.exit == 0);
  const auto plan = nlohmann::json::parse(read_file(folder / "plan.json"));
  CHECK(plan["meeting_rule"] == nlohmann::json::parse(R"({"week": 2, "weekday": "wednesday",
        "start": "14:00", "duration_minutes": 90, "place": "3階会議室"})"));
  CHECK(run.out.find("DTSTART;TZID=Asia/Tokyo:20260408T140000\r\n"
                     "DTEND;TZID=Asia/Tokyo:20260408T153000\r\n"
                     "RRULE:FREQ=MONTHLY;COUNT=6;INTERVAL=2;BYDAY=2WE\r\n") != std::string::npos);
  CHECK(run.out.find("LOCATION:3階会議室\r\n") != std::string::npos);
}

TEST_CASE("a --meeting-rule that cannot be read is a usage error naming the part") {
  Folder folder;
  const Run run = torikumi(folder, "import '" + kSeed + "' --meeting-rule '第2水曜日 14:00 90'");
  CHECK(run.exit == 2);
  CHECK(run.out.empty());
  CHECK(run.err ==
        "torikumi import: --meeting-rule: length \"90\" not understood: expected 90分 or "
        "1時間30分\n");
  const Run day = torikumi(folder, "import '" + kSeed + "' --meeting-rule '水曜日 14:00 90分'");
  CHECK(day.exit == 2);
  CHECK(day.err ==
        "torikumi import: --meeting-rule: day \"水曜日\" not understood: expected 第N曜日 (N from "
        "1 to 5) or 毎月N日 (1 to 31)\n");
}

TEST_CASE("--owner names tasks by id, by title or by part of a title") {
  Folder folder;
  const Run run =
      torikumi(folder, "import '" + kSeed +
                           "' --owner kodomo-katei-senta-sapoto=こども家庭センター "
                           "--owner 多機関協働担当を中心とした会議の開催=多機関協働担当 "
                           "--owner プラットフォーム=学校連携担当");
  CHECK(run.exit == 0);
  CHECK(task_owners(run.out) == nlohmann::json::parse(R"({
      "kodomo-katei-senta-sapoto": "こども家庭センター",
      "takikankyo-tanto-chushin-1": "多機関協働担当", "takikankyo-tanto-chushin-2": "多機関協働担当",
      "takikankyo-tanto-chushin-3": "多機関協働担当",
      "kunai-shochugakko-sodan-jian": "学校連携担当", "kuyakusho-purattofomu-kyoyu": "学校連携担当"})"));
  CHECK(run.err ==
        kSeed +
            ": no 担当 (owner) for 5 tasks: give --owner TASK_OR_MEASURE=担当 or a companion "
            "file (--with FILE)\n" +
            kSeedNoTime + kSeedImported);
}

TEST_CASE("an --owner key that names nothing is refused with what it could name") {
  Folder folder;
  const Run run = torikumi(folder, "import '" + kSeed + "' --owner 防災訓練=危機管理担当");
  CHECK(run.exit == 1);
  CHECK(run.out.empty());
  CHECK(run.err.starts_with(
      "torikumi import: --owner: no task or measure matches \"防災訓練\": expected a task id, a "
      "task title or part of one, or a measure id or title; tasks: takikankyo-tanto-chushin-1 "
      "\"多機関協働担当を中心とした会議の開催\", kodomo-katei-senta-sapoto "));
  CHECK(run.err.ends_with(
      "; measures: jusoteki-shien-taisei-seibi \"重層的支援体制整備事業の推進\", "
      "kodomo-katei-senta-boshi "
      "\"こども家庭センターによる「母子保健」と「児童福祉」の一体的な支援\", "
      "gakko-renkei-kyoka-kokateki \"学校との連携強化による効果的なアプローチの実施\"\n"));
  const Run bad = torikumi(folder, "import '" + kSeed + "' --owner 会議");
  CHECK(bad.exit == 2);
  CHECK(bad.err == "torikumi import: --owner: expected KEY=担当, got \"会議\"\n");
}

TEST_CASE("a companion file gives the meeting rule and owners, and the command line overrides it") {
  Folder folder;
  const std::string companion = folder.write(
      "with.json",
      R"({"meeting_rule": "毎月15日 10:00 1時間 2階", "owners": {"会議の開催": "地域福祉担当",
          "kodomo-katei-senta-sapoto": "こども家庭センター"}})");
  const Run file_only = torikumi(folder, "import '" + kSeed + "' --with with.json");
  CHECK(file_only.exit == 0);
  const auto plan = nlohmann::json::parse(file_only.out);
  CHECK(plan["meeting_rule"] == nlohmann::json::parse(R"({"day_of_month": 15, "start": "10:00",
        "duration_minutes": 60, "place": "2階"})"));
  CHECK(task_owners(file_only.out)["takikankyo-tanto-chushin-2"] == "地域福祉担当");
  CHECK(file_only.err ==
        kSeed +
            ": no 担当 (owner) for 7 tasks: give --owner TASK_OR_MEASURE=担当 or a companion "
            "file (--with FILE)\n" +
            kSeedImported);
  const Run both = torikumi(folder, "import '" + kSeed +
                                        "' --with with.json --meeting-rule '第1月曜日 9:00 30分' "
                                        "--owner takikankyo-tanto-chushin-2=多機関協働担当");
  CHECK(both.exit == 0);
  const auto overridden = nlohmann::json::parse(both.out);
  CHECK(overridden["meeting_rule"]["start"] == "09:00");
  CHECK(overridden["meeting_rule"]["weekday"] == "monday");
  const auto owners = task_owners(both.out);
  CHECK(owners["takikankyo-tanto-chushin-1"] == "地域福祉担当");
  CHECK(owners["takikankyo-tanto-chushin-2"] == "多機関協働担当");
  CHECK(owners["kodomo-katei-senta-sapoto"] == "こども家庭センター");
}

TEST_CASE("a companion file's bad content names the file, the field and what was expected") {
  Folder folder;
  folder.write("bad.json", R"({"meeting_rule": "第2水曜日 14:00", "owners": {"会議": 3}})");
  const Run run = torikumi(folder, "import '" + kSeed + "' --with bad.json -o plan.json");
  CHECK(run.exit == 1);
  CHECK(run.err ==
        "bad.json: meeting_rule: expected a day, a time and a length such as \"第2水曜日 14:00 "
        "90分 3階会議室\", got \"第2水曜日 14:00\"\n"
        "bad.json: owners.\"会議\": expected the 担当 as a non-empty string, got number 3\n");
  CHECK_FALSE(fs::exists(folder / "plan.json"));
  folder.write("unknown.json", R"({"owners": {"防災": "危機管理担当"}})");
  const Run unknown = torikumi(folder, "import '" + kSeed + "' --with unknown.json");
  CHECK(unknown.exit == 1);
  CHECK(unknown.err.starts_with(
      "unknown.json: owners.\"防災\": no task or measure matches \"防災\": expected a task id"));
  const Run missing = torikumi(folder, "import '" + kSeed + "' --with none.json");
  CHECK(missing.exit == 1);
  CHECK(missing.err == "none.json: cannot read: No such file or directory\n");
}

}  // namespace

namespace {

TEST_CASE("a sheet imported over a plan stored with hashed ids keeps them and its state") {
  Folder folder;
  // A database from before ids were readable: the seed as the importer wrote it then, with a
  // meeting recorded done.
  const Run old =
      torikumi(folder, "plan import '" + kSheets + "higashi-hashed-ids.json' --db t.db");
  REQUIRE(old.exit == 0);
  CHECK(old.out.starts_with("plan plan-2853493a revision 1, FY2026: 14 occurrences added"));
  REQUIRE(torikumi(folder, "undo plan-2853493a/meeting-9202d898/2026-04 --db t.db").exit == 0);
  REQUIRE(torikumi(folder, "done plan-2853493a/meeting-9202d898/2026-04 --at 2026-04-08 --db t.db")
              .exit == 0);
  const Run again = torikumi(folder, "plan import '" + kSeed + "' --db t.db");
  CHECK(again.exit == 0);
  CHECK(again.out ==
        "plan plan-2853493a revision 2, FY2026: 0 occurrences added, 0 changed, 0 orphaned, 0 "
        "revived; 0 completions and 0 notes from its progress\n");
  const Run listed = torikumi(folder, "plan list --db t.db");
  CHECK(listed.out.find("higashi-chiiki-kyosei-shakai") == std::string::npos);
  const Run progress = torikumi(folder, "progress plan-2853493a --json --db t.db");
  CHECK(progress.exit == 0);
  // A new database gets the readable ids.
  const Run fresh = torikumi(folder, "plan import '" + kSeed + "' --db fresh.db");
  CHECK(
      fresh.out.starts_with("plan higashi-chiiki-kyosei-shakai revision 1, FY2026: 14 "
                            "occurrences added"));
  CHECK(torikumi(folder,
                 "undo higashi-chiiki-kyosei-shakai/takikankyo-tanto-chushin/2026-04 "
                 "--db fresh.db")
            .exit == 0);
}

}  // namespace

namespace {

// The April meeting's line of `torikumi expand` on a plan imported with the closed-day CHOICE:
// 2026-04-29 is 昭和の日.
std::string april_meeting(const Folder& folder, const std::string& choice) {
  const Run imported =
      torikumi(folder, "import '" + kSeed + "' --meeting-rule '毎月29日 10:00 60分' " +
                           "--on-closed-day " + choice + " -o " + choice + ".json");
  REQUIRE(imported.exit == 0);
  const Run expanded = torikumi(folder, "expand " + choice + ".json");
  REQUIRE(expanded.exit == 0);
  std::istringstream lines{expanded.out};
  for (std::string line; std::getline(lines, line);)
    if (line.find("takikankyo-tanto-chushin/2026-04]") != std::string::npos) return line;
  return "";
}

TEST_CASE("--on-closed-day says what a meeting on a holiday does, on the meeting rule") {
  Folder folder;
  CHECK(april_meeting(folder, "next_business_day").find("2026-04-30 (木) 10:00-11:00") !=
        std::string::npos);
  CHECK(april_meeting(folder, "previous_business_day").find("2026-04-28 (火) 10:00-11:00") !=
        std::string::npos);
  CHECK(april_meeting(folder, "skip").empty());
  const Run bad = torikumi(folder, "import '" + kSeed + "' --on-closed-day moved");
  CHECK(bad.exit == 2);
  CHECK(bad.err ==
        "torikumi import: --on-closed-day: expected next_business_day, previous_business_day or "
        "skip, got \"moved\"\n");
  const std::string companion = folder.write("with.json", R"({"on_closed_day": "skip"})");
  const Run alone = torikumi(folder, "import '" + kSeed + "' --with with.json");
  CHECK(alone.exit == 1);
  CHECK(alone.out.empty());
  CHECK(alone.err.ends_with(
      "with.json: on_closed_day: needs a meeting rule to go with: give --meeting-rule "
      "\"第2水曜日 14:00 90分\" or the companion file's meeting_rule\n"));
}

}  // namespace
