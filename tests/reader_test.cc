// Tests of the readers (reader.h): a text stream is one page; a JSONL stream is one page per line
// with renamable fields; a bad line is a Reject with a short reason kind and its line number, and
// reading goes on (STYLE.md 12); folders are read recursively in sorted order with ids relative
// to the folder, skipping annotation files; a missing path is a Reject, never an exception.
#include "newsclip/reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace newsclip {
namespace {

namespace fs = std::filesystem;

// One result of Reader::Next.
struct Item {
  ReadStatus status;
  Page page;
  Reject reject;
};

std::vector<Item> ReadAll(Reader* reader) {
  std::vector<Item> items;
  for (int guard = 0; guard < 1000; ++guard) {
    Item item;
    item.status = reader->Next(&item.page, &item.reject);
    if (item.status == ReadStatus::kEnd) return items;
    items.push_back(std::move(item));
  }
  ADD_FAILURE() << "reader never ends";
  return items;
}

// "page ID", or "reject ID REASON-KIND line=N".
std::string Summary(const Item& item) {
  if (item.status == ReadStatus::kPage) return "page " + item.page.id;
  std::string kind = item.reject.reason.substr(0, item.reject.reason.find(':'));
  return "reject " + item.reject.id + " " + kind + " line=" + std::to_string(item.reject.origin.line);
}

std::unique_ptr<Reader> FromString(const std::string& data, InputFormat format, const ReaderOptions& options,
                                   const std::string& name = "mem.jsonl") {
  return OpenStream(std::make_unique<std::istringstream>(data), name, "mem-page", format, options);
}

TEST(ReaderTest, TextStreamIsOnePage) {
  ReaderOptions options;
  options.crawl_date = Date{2024, 5, 1};
  const std::string text = "Title\r\nBy Jane Roe\n\n正文第一段。\n";
  auto reader = FromString(text, InputFormat::kText, options, "pages/a.txt");
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 1u);
  ASSERT_EQ(items[0].status, ReadStatus::kPage);
  const Page& page = items[0].page;
  EXPECT_EQ(page.id, "mem-page");
  EXPECT_EQ(page.text, text);  // byte for byte: repair is the normalize stage's job
  EXPECT_FALSE(page.url.has_value());
  EXPECT_EQ(page.crawl_date, (Date{2024, 5, 1}));
  EXPECT_EQ(page.origin.file, "pages/a.txt");
  EXPECT_EQ(reader->bytes_read(), text.size());
}

TEST(ReaderTest, JsonlFields) {
  const struct {
    const char* name;
    const char* line;
    const char* id;
    const char* text;
    const char* url;         // nullptr: none
    const char* crawl_date;  // ISO, nullptr: none
  } kCases[] = {
      {"all fields", R"({"id": "a1", "text": "Title\nBody.", "url": "https://example.com/a", "crawl_date": "2024-05-01"})",
       "a1", "Title\nBody.", "https://example.com/a", "2024-05-01"},
      {"numeric id", R"({"id": 42, "text": "x"})", "42", "x", nullptr, nullptr},
      {"escapes and chinese", R"({"id": "z", "text": "\u6807\u9898\n\"quoted\"\ttab"})", "z", "标题\n\"quoted\"\ttab",
       nullptr, nullptr},
      {"unknown fields ignored", R"({"text": "x", "id": "b", "lang": "en", "meta": {"k": [1, 2]}})", "b", "x", nullptr,
       nullptr},
      {"timestamp crawl date keeps the day", R"({"id": "c", "text": "x", "crawl_date": "2023-03-15T08:00:00Z"})", "c",
       "x", nullptr, "2023-03-15"},
      {"null url", R"({"id": "d", "text": "x", "url": null})", "d", "x", nullptr, nullptr},
      {"crlf line", "{\"id\": \"e\", \"text\": \"x\"}\r", "e", "x", nullptr, nullptr},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    ReaderOptions options;
    auto reader = FromString(std::string(c.line) + "\n", InputFormat::kJsonl, options);
    std::vector<Item> items = ReadAll(reader.get());
    ASSERT_EQ(items.size(), 1u);
    ASSERT_EQ(items[0].status, ReadStatus::kPage) << items[0].reject.reason;
    const Page& p = items[0].page;
    EXPECT_EQ(p.id, c.id);
    EXPECT_EQ(p.text, c.text);
    EXPECT_EQ(p.url, c.url ? std::optional<std::string>(c.url) : std::nullopt);
    EXPECT_EQ(p.crawl_date ? p.crawl_date->ToIso() : "none", c.crawl_date ? c.crawl_date : "none");
    EXPECT_EQ(p.origin.file, "mem.jsonl");
    EXPECT_EQ(p.origin.line, 1u);
  }
}

TEST(ReaderTest, RenamedFields) {
  ReaderOptions options;
  options.id_field = "doc_id";
  options.text_field = "content";
  options.url_field = "link";
  options.crawl_date_field = "fetched";
  const std::string data =
      R"({"doc_id": "r1", "content": "Body.", "link": "https://example.com/r1", "fetched": "2022-10-01"})" "\n"
      R"({"id": "r2", "text": "Body."})" "\n";  // the default names mean nothing now
  auto reader = FromString(data, InputFormat::kJsonl, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 2u);
  ASSERT_EQ(items[0].status, ReadStatus::kPage);
  EXPECT_EQ(items[0].page.id, "r1");
  EXPECT_EQ(items[0].page.text, "Body.");
  EXPECT_EQ(items[0].page.url, "https://example.com/r1");
  EXPECT_EQ(items[0].page.crawl_date, (Date{2022, 10, 1}));
  ASSERT_EQ(items[1].status, ReadStatus::kReject);
  EXPECT_TRUE(items[1].reject.reason.starts_with("bad-field")) << items[1].reject.reason;
  EXPECT_NE(items[1].reject.reason.find("content"), std::string::npos) << items[1].reject.reason;
}

TEST(ReaderTest, CrawlDateOption) {
  ReaderOptions options;
  options.crawl_date = Date{2024, 5, 1};
  const std::string data =
      R"({"id": "own", "text": "x", "crawl_date": "2023-03-15"})" "\n"
      R"({"id": "default", "text": "x"})" "\n";
  auto reader = FromString(data, InputFormat::kJsonl, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].page.crawl_date, (Date{2023, 3, 15}));  // the record's own date wins
  EXPECT_EQ(items[1].page.crawl_date, (Date{2024, 5, 1}));
}

TEST(ReaderTest, BadLinesAreRejectedAndReadingGoesOn) {
  const std::string data =
      R"({"id": "ok1", "text": "x"})" "\n"     // 1
      R"({"id": "nt", "body": "x"})" "\n"      // 2 no text field
      R"({"id": "broken", "text": "x")" "\n"   // 3 invalid JSON
      R"({"id": "num", "text": 5})" "\n"       // 4 text not a string
      R"({"id": "arr", "text": ["x"]})" "\n"   // 5 text not a string
      R"(["not", "an", "object"])" "\n"        // 6 not an object
      "\n"                                     // 7 blank: skipped
      "   \t \n"                               // 8 blank: skipped
      R"({"id": "ok2", "text": "y"})" "\n"     // 9
      "garbage\n";                             // 10
  const struct {
    ReadStatus status;
    const char* id;    // nullptr: a record whose id cannot be read (any non-empty id)
    const char* kind;  // reason kind of a reject
    uint64_t line;
  } kExpected[] = {
      {ReadStatus::kPage, "ok1", "", 1},
      {ReadStatus::kReject, "nt", "bad-field", 2},
      {ReadStatus::kReject, nullptr, "invalid-json", 3},
      {ReadStatus::kReject, "num", "bad-field", 4},
      {ReadStatus::kReject, "arr", "bad-field", 5},
      {ReadStatus::kReject, nullptr, "invalid-json", 6},
      {ReadStatus::kPage, "ok2", "", 9},
      {ReadStatus::kReject, nullptr, "invalid-json", 10},
  };
  const ReaderOptions options;  // readers keep a reference to their options: keep it alive
  auto reader = FromString(data, InputFormat::kJsonl, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), std::size(kExpected));
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& e = kExpected[i];
    SCOPED_TRACE("record on line " + std::to_string(e.line));
    const Item& item = items[i];
    ASSERT_EQ(item.status, e.status) << item.reject.reason;
    const Origin& origin = item.status == ReadStatus::kPage ? item.page.origin : item.reject.origin;
    EXPECT_EQ(origin.line, e.line);
    EXPECT_EQ(origin.file, "mem.jsonl");
    if (item.status == ReadStatus::kPage) {
      EXPECT_EQ(item.page.id, e.id);
      continue;
    }
    EXPECT_TRUE(item.reject.reason.starts_with(std::string(e.kind) + ":")) << item.reject.reason;
    if (e.id) EXPECT_EQ(item.reject.id, e.id);
    else EXPECT_FALSE(item.reject.id.empty());
  }
}

TEST(ReaderTest, TooLargePagesAreRejected) {
  ReaderOptions options;
  options.max_page_bytes = 40;
  const std::string big(200, 'x');
  {
    SCOPED_TRACE("jsonl");
    const std::string data = R"({"id": "small", "text": "ok"})" "\n"
                             R"({"id": "big", "text": ")" + big + "\"}\n" +
                             R"({"id": "after", "text": "ok"})" "\n";
    auto reader = FromString(data, InputFormat::kJsonl, options);
    std::vector<Item> items = ReadAll(reader.get());
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(Summary(items[0]), "page small");
    ASSERT_EQ(items[1].status, ReadStatus::kReject);
    EXPECT_TRUE(items[1].reject.reason.starts_with("too-large")) << items[1].reject.reason;
    EXPECT_EQ(items[1].reject.origin.line, 2u);
    EXPECT_EQ(Summary(items[2]), "page after");
    EXPECT_EQ(reader->bytes_read(), data.size());
  }
  {
    SCOPED_TRACE("text");
    auto reader = FromString(big, InputFormat::kText, options, "big.txt");
    std::vector<Item> items = ReadAll(reader.get());
    ASSERT_EQ(items.size(), 1u);
    ASSERT_EQ(items[0].status, ReadStatus::kReject);
    EXPECT_TRUE(items[0].reject.reason.starts_with("too-large")) << items[0].reject.reason;
    EXPECT_EQ(items[0].reject.id, "mem-page");
  }
  {
    SCOPED_TRACE("text at the limit");
    auto reader = FromString(std::string(40, 'y'), InputFormat::kText, options, "ok.txt");
    std::vector<Item> items = ReadAll(reader.get());
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].status, ReadStatus::kPage);
  }
}

TEST(ReaderTest, TextOverTheLimitIsNotReadFurther) {
  ReaderOptions options;
  options.max_page_bytes = 1000;
  auto reader = FromString(std::string(50 << 20, 'x'), InputFormat::kText, options, "bomb.txt");
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].reject.reason.starts_with("too-large")) << items[0].reject.reason;
  EXPECT_LE(reader->bytes_read(), 1001u);  // not the 50 MB
}

// Invalid UTF-8 and lone surrogates in a JSONL line are repaired to U+FFFD and counted, as in any
// page text (README: "invalid UTF-8 is repaired to U+FFFD and counted"); the line is not lost.
TEST(ReaderTest, JsonlInvalidUtf8AndLoneSurrogatesAreRepaired) {
  const std::string kFffd = "\xEF\xBF\xBD";
  const struct {
    const char* what;
    std::string text_json;  // the bytes between the quotes of "text"
    std::string text;       // the page text
    uint64_t repaired;
  } kCases[] = {
      {"overlong 2-byte", "a\xC0\xAF" "b", "a" + kFffd + kFffd + "b", 2},
      {"overlong 3-byte", "a\xE0\x80\xAF" "b", "a" + kFffd + kFffd + kFffd + "b", 3},
      {"overlong 4-byte", "a\xF0\x80\x80\xAF" "b", "a" + kFffd + kFffd + kFffd + kFffd + "b", 4},
      {"UTF-8 encoded surrogate", "a\xED\xA0\x80" "b", "a" + kFffd + kFffd + kFffd + "b", 3},
      {"over U+10FFFF", "a\xF4\x90\x80\x80" "b", "a" + kFffd + kFffd + kFffd + kFffd + "b", 4},
      {"5-byte form", "a\xF8\x88\x80\x80\x80" "b", "a" + kFffd + kFffd + kFffd + kFffd + kFffd + "b", 5},
      {"invalid bytes", "a\xFE\xFF" "b", "a" + kFffd + kFffd + "b", 2},
      {"stray continuation", "a\x80\xBF" "b", "a" + kFffd + kFffd + "b", 2},
      {"truncated 3-byte", "a\xE4\xB8" "b", "a" + kFffd + "b", 2},
      {"truncated before the quote", "a\xE4\xB8", "a" + kFffd, 2},
      {"truncated 4-byte", "\xF0\x9F\x98 x", kFffd + " x", 3},
      {"lone high surrogate", R"(a\ud800b)", "a" + kFffd + "b", 6},
      {"lone low surrogate", R"(a\uDC00b)", "a" + kFffd + "b", 6},
      {"high surrogate then a non-surrogate", R"(\ud83d\u0041)", kFffd + "A", 6},
      {"valid pair stays", R"(\ud83d\ude00 \ud83d)", "\xF0\x9F\x98\x80 " + kFffd, 6},
      {"escaped backslash is no escape", R"(\\ud800)", R"(\ud800)", 0},
      {"valid text", "正文 \xF0\x9F\x98\x80", "正文 \xF0\x9F\x98\x80", 0},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.what);
    const ReaderOptions options;
    const std::string line = "{\"id\": \"p\", \"text\": \"" + c.text_json + "\"}\n";
    auto reader = FromString(line + R"({"id": "next", "text": "ok"})" "\n", InputFormat::kJsonl, options);
    std::vector<Item> items = ReadAll(reader.get());
    ASSERT_EQ(items.size(), 2u);
    ASSERT_EQ(items[0].status, ReadStatus::kPage) << items[0].reject.reason;
    EXPECT_EQ(items[0].page.text, c.text);
    EXPECT_EQ(items[0].page.id, "p");
    EXPECT_EQ(reader->invalid_bytes_repaired(), c.repaired);
    EXPECT_EQ(Summary(items[1]), "page next");
  }
}

// Found by jsonl_reader_fuzz: repairing makes a line longer (U+FFFD is 3 bytes), so a line under
// max_page_bytes could give a page over it.
TEST(ReaderTest, JsonlLineRepairedOverTheLimitIsTooLarge) {
  ReaderOptions options;
  const std::string line = "{\"text\": \"" + std::string(10, '\xFF') + "\"}";
  options.max_page_bytes = line.size();
  auto reader = FromString(line + "\n", InputFormat::kJsonl, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 1u);
  ASSERT_EQ(items[0].status, ReadStatus::kReject);
  EXPECT_TRUE(items[0].reject.reason.starts_with("too-large")) << items[0].reject.reason;
}

TEST(ReaderTest, JsonlRejectReasonsSayWhatIsWrong) {
  const struct {
    std::string line;
    const char* reason;  // how the reason starts
  } kCases[] = {
      {R"({"id": "n", "text": 12})", "bad-field: 'text' is a number, not a string"},
      {R"({"id": "o", "text": {"a": 1}})", "bad-field: 'text' is an object, not a string"},
      {R"({"id": "z", "text": null})", "bad-field: 'text' is null, not a string"},
      {R"({"id": "m"})", "bad-field: no 'text' field"},
      {"{\"id\": \"c\", \"text\": \"raw \x01 control\"}", "invalid-json: "},
      {R"({"text": "a"} {"text": "b"})", "invalid-json: "},
      {R"({"text": "a",})", "invalid-json: "},
      {R"({"id": "d", "text": )" + std::string(100000, '[') + std::string(100000, ']') + "}",
       "bad-field: 'text' is an array, not a string"},
      {std::string(100000, '[') + std::string(100000, ']'), "invalid-json: the line is not a JSON object"},
      {std::string(100000, '{'), "invalid-json: "},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.line.substr(0, 60));
    const ReaderOptions options;
    auto reader = FromString(c.line + "\n", InputFormat::kJsonl, options);
    std::vector<Item> items = ReadAll(reader.get());
    ASSERT_EQ(items.size(), 1u);
    ASSERT_EQ(items[0].status, ReadStatus::kReject);
    EXPECT_TRUE(items[0].reject.reason.starts_with(c.reason)) << items[0].reject.reason;
    EXPECT_EQ(items[0].reject.origin.line, 1u);
  }
}

// Deep nesting in a field newsclip does not use is skipped without recursion: the page is read.
TEST(ReaderTest, JsonlDeepNestingInAnotherFieldIsSkipped) {
  const ReaderOptions options;
  const std::string line = R"({"id": "deep", "x": )" + std::string(100000, '[') + std::string(100000, ']') +
                           R"(, "text": "after"})" "\n";
  auto reader = FromString(line, InputFormat::kJsonl, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 1u);
  ASSERT_EQ(items[0].status, ReadStatus::kPage) << items[0].reject.reason;
  EXPECT_EQ(items[0].page.text, "after");
}

TEST(ReaderTest, JsonlDuplicateKeysTakeTheLastValue) {
  const ReaderOptions options;
  auto reader = FromString(R"({"id": "a", "text": "first", "id": "b", "text": "second"})" "\n", InputFormat::kJsonl, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 1u);
  ASSERT_EQ(items[0].status, ReadStatus::kPage);
  EXPECT_EQ(items[0].page.id, "b");
  EXPECT_EQ(items[0].page.text, "second");
}

TEST(ReaderTest, FormatOf) {
  const struct {
    const char* path;
    InputFormat requested;
    InputFormat format;
  } kCases[] = {
      {"dump.jsonl", InputFormat::kAuto, InputFormat::kJsonl},
      {"data/dump.jsonl.gz", InputFormat::kAuto, InputFormat::kJsonl},
      {"page-000.txt", InputFormat::kAuto, InputFormat::kText},
      {"page", InputFormat::kAuto, InputFormat::kText},
      {"-", InputFormat::kAuto, InputFormat::kText},
      {"dump.jsonl", InputFormat::kText, InputFormat::kText},
      {"-", InputFormat::kJsonl, InputFormat::kJsonl},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.path);
    EXPECT_EQ(FormatOf(c.path, c.requested), c.format);
  }
}

// A temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "newsclip_reader_XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void Write(const std::string& rel, const std::string& data) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << data;
  }

 private:
  fs::path path_;
};

TEST(ReaderTest, FolderIsReadRecursivelyInSortedOrder) {
  TempDir dir;
  dir.Write("b/2.txt", "page b2");
  dir.Write("a.txt", "page a");
  dir.Write("b/1.txt", "page b1");
  dir.Write("b/1.gold.json", R"({"page": "b/1.txt", "articles": []})");
  dir.Write("a.main.json", R"({"page": "a.txt"})");
  dir.Write("c/dump.jsonl", R"({"id": "j1", "text": "first"})" "\n" R"({"id": "j2", "text": "second"})" "\n");
  dir.Write("中文/页面.txt", "页面");
  const ReaderOptions options;
  auto reader = OpenInputs({dir.path().string()}, options);
  std::vector<Item> items = ReadAll(reader.get());
  std::vector<std::string> got;
  for (const Item& item : items) got.push_back(Summary(item) + " = " + item.page.text);
  const std::vector<std::string> kExpected = {
      "page a.txt = page a", "page b/1.txt = page b1", "page b/2.txt = page b2",
      "page j1 = first",     "page j2 = second",       "page 中文/页面.txt = 页面",
  };
  EXPECT_EQ(got, kExpected);
}

// Nothing in a folder is lost without a word: a dangling symlink is a reject; FIFOs are skipped
// (opening one would block). Folders that cannot be listed are rejects too (tests/bad_input_test.cc
// checks that as an unprivileged user).
TEST(ReaderTest, DanglingSymlinkInAFolderIsRejected) {
  TempDir dir;
  dir.Write("a.txt", "page a");
  fs::create_symlink(dir.path() / "gone.txt", dir.path() / "b.txt");
  ASSERT_EQ(mkfifo((dir.path() / "c.fifo").c_str(), 0644), 0);
  const ReaderOptions options;
  auto reader = OpenInputs({dir.path().string()}, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(Summary(items[0]), "page a.txt");
  EXPECT_EQ(Summary(items[1]), "reject b.txt unreadable line=0");
}

TEST(ReaderTest, InputsInGivenOrderAndMissingPathRejected) {
  TempDir dir;
  dir.Write("one.txt", "first page");
  const std::string missing = (dir.path() / "missing.txt").string();
  const ReaderOptions options;
  auto reader = OpenInputs({missing, (dir.path() / "one.txt").string()}, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 2u);
  ASSERT_EQ(items[0].status, ReadStatus::kReject);
  EXPECT_TRUE(items[0].reject.reason.starts_with("unreadable")) << items[0].reject.reason;
  EXPECT_EQ(items[0].reject.origin.file, missing);
  ASSERT_EQ(items[1].status, ReadStatus::kPage);
  EXPECT_EQ(items[1].page.id, "one.txt");  // a file given by name: its file name
  EXPECT_EQ(items[1].page.text, "first page");
}

TEST(ReaderTest, EmptyInputsEndAtOnce) {
  const ReaderOptions options;
  auto reader = OpenInputs({}, options);
  Page page;
  Reject reject;
  EXPECT_EQ(reader->Next(&page, &reject), ReadStatus::kEnd);
  EXPECT_EQ(reader->bytes_read(), 0u);
}

}  // namespace
}  // namespace newsclip
