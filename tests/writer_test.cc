// Tests of the JSONL writer (writer.h) against the record of DESIGN.md section 2, schema version
// 1: every field with its type and value, line numbers 1-based and inclusive, byte range end
// exclusive, `removed` listing every non-body line with its role (and rule for boilerplate),
// JSON escaping, one line per article, nothing for a page without articles. Records are parsed
// back with RapidJSON.
#include "newsclip/writer.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace newsclip {
namespace {

// Lines of `text` split on '\n' (the writer needs only the byte ranges).
std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    Line line;
    line.begin = static_cast<uint32_t>(pos);
    line.end = static_cast<uint32_t>(nl);
    line.f.blank = nl == pos;
    lines.push_back(line);
    pos = nl + 1;
  }
  return lines;
}

Article MakeArticle(uint32_t first, std::vector<Role> roles, std::vector<std::string> rules) {
  Article a;
  a.first_line = first;
  a.last_line = first + static_cast<uint32_t>(roles.size()) - 1;
  a.roles = std::move(roles);
  a.rules = std::move(rules);
  return a;
}

// Splits JSONL output into records; every record must end with '\n' and hold no other newline.
std::vector<std::string> Records(const std::string& out) {
  std::vector<std::string> records;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t nl = out.find('\n', pos);
    EXPECT_NE(nl, std::string::npos) << "record without a final newline";
    if (nl == std::string::npos) nl = out.size();
    records.push_back(out.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return records;
}

std::vector<std::string> StringArray(const rapidjson::Value& v) {
  std::vector<std::string> out;
  EXPECT_TRUE(v.IsArray());
  if (!v.IsArray()) return out;
  for (const auto& s : v.GetArray()) {
    EXPECT_TRUE(s.IsString());
    if (s.IsString()) out.emplace_back(s.GetString(), s.GetStringLength());
  }
  return out;
}

std::string Str(const rapidjson::Value& v) {
  EXPECT_TRUE(v.IsString());
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string();
}

// The removed list as "LINE:ROLE[:RULE]" items; fails on unexpected keys.
std::vector<std::string> Removed(const rapidjson::Value& v) {
  std::vector<std::string> out;
  EXPECT_TRUE(v.IsArray());
  if (!v.IsArray()) return out;
  for (const auto& item : v.GetArray()) {
    EXPECT_TRUE(item.IsObject());
    if (!item.IsObject()) continue;
    std::string s = std::to_string(item["line"].GetUint()) + ":" + Str(item["role"]);
    if (item.HasMember("rule")) s += ":" + Str(item["rule"]);
    EXPECT_EQ(item.MemberCount(), item.HasMember("rule") ? 3u : 2u);
    out.push_back(s);
  }
  return out;
}

// A page with two articles and a chrome line.
PageResult TwoArticlePage() {
  PageResult r;
  r.id = "site/p1.txt";
  r.url = "https://example.com/news/p1";
  r.text =
      "Council approves new budget\n"            // 1 title
      "By Jane Roe\n"                            // 2 metadata
      "The council approved the budget.\n"       // 3 body
      "Teachers welcomed it.\n"                  // 4 body
      "- END -\n"                                // 5 boilerplate
      "Night buses return\n"                     // 6 title
      "Buses will run again from Monday, the co...\n"  // 7 body
      "Privacy Policy\n";                        // 8 chrome
  r.lines = SplitLines(r.text);
  Article a = MakeArticle(0, {Role::kTitle, Role::kMetadata, Role::kBody, Role::kBody, Role::kBoilerplate},
                          {"", "", "", "", "end-marker"});
  a.title_line = 0;
  a.meta.title = "Council approves new budget";
  a.meta.authors = {"Jane Roe"};
  a.meta.published = Date{2022, 9, 29, 22, 45, -1, 480};
  a.meta.source = "The Herald";
  a.meta.editors = {"Sam Lee", "Li Ming"};
  a.lang = "en";
  Article b = MakeArticle(5, {Role::kTitle, Role::kBody}, {"", ""});
  b.title_line = 5;
  b.meta.title = "Night buses return";
  b.meta.truncated = true;
  b.lang = "en";
  r.articles = {a, b};
  return r;
}

TEST(WriterTest, RecordFieldsPerDesign) {
  const PageResult page = TwoArticlePage();
  std::string out;
  AppendJsonl(page, &out);
  std::vector<std::string> records = Records(out);
  ASSERT_EQ(records.size(), 2u);

  const struct {
    size_t index;
    const char* title;  // nullptr: null
    std::vector<std::string> authors;
    const char* published;
    const char* source;
    std::vector<std::string> editors;
    bool truncated;
    const char* text;
    unsigned lines[2];
    unsigned bytes[2];
    std::vector<std::string> removed;
  } kExpected[] = {
      {0, "Council approves new budget", {"Jane Roe"}, "2022-09-29T22:45+08:00", "The Herald", {"Sam Lee", "Li Ming"},
       false, "The council approved the budget.\nTeachers welcomed it.", {1, 5}, {0, 102},
       {"1:title", "2:metadata", "5:boilerplate:end-marker"}},
      {1, "Night buses return", {}, nullptr, nullptr, {}, true, "Buses will run again from Monday, the co...", {6, 7},
       {103, 165}, {"6:title"}},
  };
  std::vector<std::string> keys = {"page", "url", "index", "count", "title", "authors", "published", "source",
                                   "editors", "lang", "truncated", "text", "lines", "bytes", "removed"};
  std::sort(keys.begin(), keys.end());
  for (const auto& e : kExpected) {
    SCOPED_TRACE(records[e.index]);
    rapidjson::Document d;
    d.Parse(records[e.index].c_str());
    ASSERT_FALSE(d.HasParseError());
    ASSERT_TRUE(d.IsObject());
    std::vector<std::string> got_keys;
    for (const auto& m : d.GetObject()) got_keys.emplace_back(m.name.GetString());
    std::sort(got_keys.begin(), got_keys.end());
    EXPECT_EQ(got_keys, keys);

    EXPECT_EQ(Str(d["page"]), "site/p1.txt");
    EXPECT_EQ(Str(d["url"]), "https://example.com/news/p1");
    ASSERT_TRUE(d["index"].IsUint());
    EXPECT_EQ(d["index"].GetUint(), e.index);
    ASSERT_TRUE(d["count"].IsUint());
    EXPECT_EQ(d["count"].GetUint(), 2u);
    if (e.title) EXPECT_EQ(Str(d["title"]), e.title);
    else EXPECT_TRUE(d["title"].IsNull());
    EXPECT_EQ(StringArray(d["authors"]), e.authors);
    if (e.published) EXPECT_EQ(Str(d["published"]), e.published);
    else EXPECT_TRUE(d["published"].IsNull());
    if (e.source) EXPECT_EQ(Str(d["source"]), e.source);
    else EXPECT_TRUE(d["source"].IsNull());
    EXPECT_EQ(StringArray(d["editors"]), e.editors);
    EXPECT_EQ(Str(d["lang"]), "en");
    ASSERT_TRUE(d["truncated"].IsBool());
    EXPECT_EQ(d["truncated"].GetBool(), e.truncated);
    EXPECT_EQ(Str(d["text"]), e.text);
    ASSERT_TRUE(d["lines"].IsArray());
    ASSERT_EQ(d["lines"].Size(), 2u);
    EXPECT_EQ(d["lines"][0].GetUint(), e.lines[0]);
    EXPECT_EQ(d["lines"][1].GetUint(), e.lines[1]);
    ASSERT_TRUE(d["bytes"].IsArray());
    ASSERT_EQ(d["bytes"].Size(), 2u);
    EXPECT_EQ(d["bytes"][0].GetUint(), e.bytes[0]);
    EXPECT_EQ(d["bytes"][1].GetUint(), e.bytes[1]);
    EXPECT_EQ(Removed(d["removed"]), e.removed);
  }
}

TEST(WriterTest, BytesSliceTheArticle) {
  const PageResult page = TwoArticlePage();
  std::string out;
  AppendJsonl(page, &out);
  std::vector<std::string> records = Records(out);
  ASSERT_EQ(records.size(), 2u);
  const char* kSlices[] = {
      "Council approves new budget\nBy Jane Roe\nThe council approved the budget.\nTeachers welcomed it.\n- END -",
      "Night buses return\nBuses will run again from Monday, the co...",
  };
  for (size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    rapidjson::Document d;
    d.Parse(records[i].c_str());
    ASSERT_FALSE(d.HasParseError());
    const unsigned begin = d["bytes"][0].GetUint(), end = d["bytes"][1].GetUint();
    ASSERT_LE(begin, end);
    ASSERT_LE(end, page.text.size());
    EXPECT_EQ(page.text.substr(begin, end - begin), kSlices[i]);
  }
}

TEST(WriterTest, NullsAndEmptyLists) {
  PageResult r;
  r.id = "untitled.txt";  // no url
  r.text = "The water company said supplies would be restored.\nEngineers are still at work.";
  r.lines = SplitLines(r.text);
  Article a = MakeArticle(0, {Role::kBody, Role::kBody}, {"", ""});
  a.lang = "en";
  r.articles = {a};
  std::string out;
  AppendJsonl(r, &out);
  std::vector<std::string> records = Records(out);
  ASSERT_EQ(records.size(), 1u);
  rapidjson::Document d;
  d.Parse(records[0].c_str());
  ASSERT_FALSE(d.HasParseError());
  const struct {
    const char* key;
    bool is_null;
  } kNulls[] = {{"url", true}, {"title", true}, {"published", true}, {"source", true}};
  for (const auto& n : kNulls) {
    SCOPED_TRACE(n.key);
    ASSERT_TRUE(d.HasMember(n.key));
    EXPECT_EQ(d[n.key].IsNull(), n.is_null);
  }
  EXPECT_EQ(StringArray(d["authors"]), std::vector<std::string>{});
  EXPECT_EQ(StringArray(d["editors"]), std::vector<std::string>{});
  EXPECT_EQ(Removed(d["removed"]), std::vector<std::string>{});
  EXPECT_EQ(d["count"].GetUint(), 1u);
  EXPECT_EQ(Str(d["text"]), r.text);
}

TEST(WriterTest, EscapesJson) {
  const struct {
    const char* name;
    std::string line;  // the single body line of the article; also used as title
  } kCases[] = {
      {"quotes", "He said \"no\" twice."},
      {"backslash", "C:\\path\\to\\file"},
      {"tab and control chars", std::string("a\tb\x01" "c\x1f" "d")},
      {"chinese", "他说：“我们一定会按时完工。”"},
      {"emoji and supplementary han", "\xF0\x9F\x93\xB0 \xF0\xA0\x80\x80"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    PageResult r;
    r.id = "esc.txt";
    r.text = c.line;
    r.lines = SplitLines(r.text);
    Article a = MakeArticle(0, {Role::kBody}, {""});
    a.meta.title = c.line + "\nsecond line";  // a newline inside a value must be escaped
    a.meta.source = c.line;
    a.lang = "und";
    r.articles = {a};
    std::string out;
    AppendJsonl(r, &out);
    std::vector<std::string> records = Records(out);
    ASSERT_EQ(records.size(), 1u);
    for (char ch : records[0]) EXPECT_GE(static_cast<unsigned char>(ch), 0x20u) << "raw control char in record";
    rapidjson::Document d;
    d.Parse(records[0].c_str());
    ASSERT_FALSE(d.HasParseError());
    EXPECT_EQ(Str(d["text"]), c.line);
    EXPECT_EQ(Str(d["title"]), c.line + "\nsecond line");
    EXPECT_EQ(Str(d["source"]), c.line);
  }
}

TEST(WriterTest, ZeroArticlesWriteNothing) {
  PageResult r;
  r.id = "chrome-only.txt";
  r.text = "Home | News | Sport\nPrivacy Policy\n";
  r.lines = SplitLines(r.text);
  std::string out = "{\"earlier\":1}\n";
  AppendJsonl(r, &out);
  EXPECT_EQ(out, "{\"earlier\":1}\n");
}

TEST(WriterTest, AppendsAfterExistingOutput) {
  std::string out = "previous\n";
  AppendJsonl(TwoArticlePage(), &out);
  ASSERT_TRUE(out.starts_with("previous\n"));
  EXPECT_EQ(Records(out.substr(9)).size(), 2u);
}

TEST(WriterTest, RoleNames) {
  const struct {
    Role role;
    const char* name;
  } kCases[] = {{Role::kChrome, "chrome"},
                {Role::kTitle, "title"},
                {Role::kMetadata, "metadata"},
                {Role::kBoilerplate, "boilerplate"},
                {Role::kBody, "body"}};
  for (const auto& c : kCases) EXPECT_EQ(RoleName(c.role), c.name);
}

}  // namespace
}  // namespace newsclip
