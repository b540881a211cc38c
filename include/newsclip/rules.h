// newsclip/rules.h: the rules that are data, not code. Boilerplate and page-chrome patterns, label
// words (Author/作者/来源...), byline and dateline patterns live in data/rules.tsv, which is compiled
// into the binary; a user's rules file (--rules FILE, same format) adds rules or overrides the
// built-in rules of the same kind and name.
//
// Format: one rule per line, `KIND<TAB>NAME<TAB>RE2 PATTERN`; `#` starts a comment line.
//   boilerplate  NAME  pattern  a line about one article to drop (end marker, share prompt, ...)
//   chrome       NAME  pattern  a line about the site (navigation, footer, cookie notice)
//   label        FIELD words    label words of a field (authors|date|source|editors|title), alternated
//   byline       FIELD pattern  a line-start form whose group 1 is the field's value ("By (.+)")
//   dateline     FIELD pattern  a first-sentence form whose group 1 is the source ("(Reuters) -")
// Patterns are matched against the width-folded line (normalize.h), so "：" is written ":".
//
//   newsclip::Rules rules = newsclip::Rules::Builtin();
//   rules.Merge(newsclip::Rules::Parse(text, "my-rules.tsv"));   // throws newsclip::Error
#ifndef NEWSCLIP_RULES_H_
#define NEWSCLIP_RULES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsclip/types.h"

namespace newsclip {

enum class RuleKind : uint8_t { kBoilerplate, kChrome, kLabel, kByline, kDateline };

struct Rule {
  RuleKind kind;
  std::string name;     // rule name (boilerplate, chrome) or field name (label, byline, dateline)
  std::string pattern;  // RE2 syntax
  Field field = Field::kNone;  // for label, byline, dateline
  std::string where;    // "file:line", for error messages
};

class Rules {
 public:
  // The rules compiled into the binary (data/rules.tsv).
  static Rules Builtin();
  // Parses rules text; `where` names the file in errors. Throws Error on a malformed line or an
  // invalid RE2 pattern, naming file:line and the pattern.
  static Rules Parse(std::string_view text, std::string_view where);
  // Reads and parses a rules file. Throws Error when it cannot be read or parsed.
  static Rules FromFile(const std::string& path);

  // Adds `other`'s rules; for each (kind, name) that `other` defines, this set's rules of that
  // kind and name are dropped first.
  void Merge(const Rules& other);

  const std::vector<Rule>& rules() const { return rules_; }
  std::vector<const Rule*> OfKind(RuleKind kind) const;

 private:
  std::vector<Rule> rules_;
};

// A labelled field found in a line: "Author:" at [label_begin, value_begin).
struct LabelHit {
  size_t label_begin = 0;
  size_t value_begin = 0;
  Field field = Field::kNone;
};

// The rules compiled for matching: boilerplate and chrome patterns as two RE2::Sets (one pass per
// line each), label words as one alternation, bylines and datelines as ordered lists.
// Thread-safe: all methods are const. Every input is a trimmed, width-folded line.
class RuleMatcher {
 public:
  explicit RuleMatcher(const Rules& rules);  // throws Error when a set cannot be compiled
  ~RuleMatcher();

  // Index of the first boilerplate (chrome) rule matching the line, -1 when none. On a long line
  // (`long_line`) only rules anchored at the line start count: "版权所有" inside a paragraph of
  // body text is not a copyright line.
  int Boilerplate(std::string_view line, bool long_line = false) const;
  int Chrome(std::string_view line) const;
  const std::string& BoilerplateName(int index) const { return boilerplate_names_[index]; }
  const std::string& ChromeName(int index) const { return chrome_names_[index]; }

  // Every "LABEL:" in the line, left to right (a label with no value after it is left out).
  std::vector<LabelHit> Labels(std::string_view line) const;
  // The field of a line that is only a label ("Author of the article:", "来源："), else kNone;
  // its value stands on the next line.
  Field LabelOnly(std::string_view line) const;
  // The first byline form that matches the line start: its field and value.
  bool Byline(std::string_view line, Field* field, std::string_view* value) const;
  // The first dateline form that matches the line start: the source it names and where it ends.
  bool Dateline(std::string_view line, std::string_view* source, size_t* end) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> boilerplate_names_;
  std::vector<std::string> chrome_names_;
  std::vector<bool> boilerplate_anchored_;
};

Field ParseField(std::string_view name);
std::string_view FieldName(Field field);

}  // namespace newsclip

#endif  // NEWSCLIP_RULES_H_
