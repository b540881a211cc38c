// Tests of the normalize stage (normalize.h): UTF-8 repair (every ill-formed sequence and NUL
// becomes U+FFFD, counted in bytes), removal of a leading BOM, NFC, and the width-folded view
// used for matching (DESIGN.md section 5: "：" and ":" are the same for matching).
#include "newsclip/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace newsclip {
namespace {

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

// Counts U+FFFD in s.
int CountReplacements(std::string_view s) {
  int n = 0;
  for (size_t pos = s.find(kFffd); pos != std::string_view::npos; pos = s.find(kFffd, pos + 3)) ++n;
  return n;
}

struct RepairCase {
  const char* name;
  std::string input;     // std::string: may hold NUL bytes
  std::string expected;  // the repaired text
  int replacements;      // U+FFFD in the output
  uint64_t replaced;     // bytes replaced (the return value)
};

TEST(NormalizeTest, RepairsInvalidUtf8) {
  const std::string fffd(kFffd);
  const RepairCase kCases[] = {
      {"valid ascii", "plain text", "plain text", 0, 0},
      {"valid chinese", "新华社北京电", "新华社北京电", 0, 0},
      // An overlong "/" (C0 AF): neither byte can start a sequence: two replacements.
      {"overlong 2-byte", "a\xC0\xAF" "b", "a" + fffd + fffd + "b", 2, 2},
      // An overlong 3-byte NUL (E0 80 80): E0 may not be followed by 80: three replacements.
      {"overlong 3-byte", "x\xE0\x80\x80y", "x" + fffd + fffd + fffd + "y", 3, 3},
      // A UTF-16 surrogate (U+D800 as ED A0 80) is not UTF-8.
      {"surrogate", "\xED\xA0\x80" "end", fffd + fffd + fffd + "end", 3, 3},
      // A truncated 3-byte sequence (first two bytes of 中) is one maximal subpart: one U+FFFD.
      {"truncated mid-text", "\xE4\xB8" "abc", fffd + "abc", 1, 2},
      {"truncated at end", "中\xE4\xB8", "中" + fffd, 1, 2},
      {"lone continuation", "a\x80" "b", "a" + fffd + "b", 1, 1},
      {"two lone continuations", "\x80\xBF", fffd + fffd, 2, 2},
      {"byte never in utf-8", "\xFF" "ok", fffd + "ok", 1, 1},
      {"code point above U+10FFFF", "\xF4\x90\x80\x80", fffd + fffd + fffd + fffd, 4, 4},
      {"NUL byte", std::string("a\0b", 3), "a" + fffd + "b", 1, 1},
      {"two NULs", std::string("\0\0", 2), fffd + fffd, 2, 2},
      {"mixed with chinese", "作者\xFF：张三", "作者" + fffd + "：张三", 1, 1},
      {"repair then compose", "e\xCC\x81\xFF", "\xC3\xA9" + fffd, 1, 1},
  };
  Normalizer normalizer;
  for (const RepairCase& c : kCases) {
    SCOPED_TRACE(c.name);
    std::string text = c.input;
    EXPECT_EQ(normalizer.Normalize(&text), c.replaced);
    EXPECT_EQ(text, c.expected);
    EXPECT_EQ(CountReplacements(text), c.replacements);
  }
}

struct TextCase {
  const char* name;
  std::string input;
  std::string expected;
};

TEST(NormalizeTest, RemovesLeadingBomOnly) {
  const TextCase kCases[] = {
      {"leading BOM", "\xEF\xBB\xBFHeadline\nBody.", "Headline\nBody."},
      {"leading BOM, chinese", "\xEF\xBB\xBF标题\n正文。", "标题\n正文。"},
      {"BOM only", "\xEF\xBB\xBF", ""},
      {"BOM inside the text is a character", "a\xEF\xBB\xBF" "b", "a\xEF\xBB\xBF" "b"},
  };
  Normalizer normalizer;
  for (const TextCase& c : kCases) {
    SCOPED_TRACE(c.name);
    std::string text = c.input;
    EXPECT_EQ(normalizer.Normalize(&text), 0u);
    EXPECT_EQ(text, c.expected);
  }
}

TEST(NormalizeTest, ComposesToNfc) {
  const TextCase kCases[] = {
      {"e + combining acute", "Caf" "e\xCC\x81", "Caf\xC3\xA9"},
      {"already composed", "Caf\xC3\xA9", "Caf\xC3\xA9"},
      {"hangul jamo", "\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80"},  // ᄀ + ᅡ -> 가
      // NFC keeps compatibility forms: full width is folded only for matching (Fold).
      {"full width kept", "作者：张三（２０２２）", "作者：张三（２０２２）"},
      {"ellipsis kept", "Wuhan has a waterfront re…", "Wuhan has a waterfront re…"},
  };
  Normalizer normalizer;
  for (const TextCase& c : kCases) {
    SCOPED_TRACE(c.name);
    std::string text = c.input;
    EXPECT_EQ(normalizer.Normalize(&text), 0u);
    EXPECT_EQ(text, c.expected);
  }
}

TEST(NormalizeTest, NfcCanBeTurnedOff) {
  Normalizer normalizer(NormalizeOptions{.nfc = false});
  std::string text = "Caf" "e\xCC\x81\x80";
  EXPECT_EQ(normalizer.Normalize(&text), 1u);
  EXPECT_EQ(text, "Caf" "e\xCC\x81\xEF\xBF\xBD");  // repaired, not composed
}

TEST(NormalizeTest, FoldsWidthForMatching) {
  const TextCase kCases[] = {
      {"full-width colon", "作者：", "作者:"},
      {"label and value", "来源：新华网 编辑：张三", "来源:新华网 编辑:张三"},
      {"full-width parentheses", "（完）", "(完)"},
      {"full-width digits", "２０２２年９月２９日", "2022年9月29日"},
      {"full-width latin", "Ａｕｔｈｏｒ：Ｊａｎｅ", "Author:Jane"},
      {"ideographic space", "时间：2022.09.29\xE3\x80\x80来源：人民网", "时间:2022.09.29 来源:人民网"},
      {"ellipsis", "Wuhan has a waterfront re…", "Wuhan has a waterfront re..."},
      {"plain han unchanged", "新华社北京9月23日电", "新华社北京9月23日电"},
  };
  Normalizer normalizer;
  for (const TextCase& c : kCases) {
    SCOPED_TRACE(c.name);
    std::string scratch;
    EXPECT_EQ(normalizer.Fold(c.input, &scratch), c.expected);
  }
}

TEST(NormalizeTest, FoldReturnsAsciiWithoutCopy) {
  Normalizer normalizer;
  const std::string_view kAscii[] = {"Author:Jane Roe Time:2022.09.29", "- END -", ""};
  for (std::string_view s : kAscii) {
    SCOPED_TRACE(std::string(s));
    std::string scratch = "untouched";
    std::string_view folded = normalizer.Fold(s, &scratch);
    EXPECT_EQ(folded.data(), s.data());
    EXPECT_EQ(folded.size(), s.size());
    EXPECT_EQ(scratch, "untouched");
  }
}

TEST(NormalizeTest, FoldBuildsNonAsciiInScratch) {
  Normalizer normalizer;
  std::string scratch;
  const std::string input = "编辑：张三";
  std::string_view folded = normalizer.Fold(input, &scratch);
  EXPECT_EQ(folded, "编辑:张三");
  EXPECT_EQ(folded.data(), scratch.data());
}

TEST(NormalizeTest, IsAscii) {
  const struct {
    std::string_view s;
    bool ascii;
  } kCases[] = {
      {"", true}, {"By Jane Roe", true}, {"Caf\xC3\xA9", false}, {"记者", false}, {"\x7F", true}, {"\x80", false},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(std::string(c.s));
    EXPECT_EQ(IsAscii(c.s), c.ascii);
  }
}

}  // namespace
}  // namespace newsclip
