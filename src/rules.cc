// Rules: parsing of the tab-separated rules format, validation of every pattern with RE2 at load
// time (so a bad pattern fails the run at start with file:line, never later on a page).
#include "newsclip/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <utility>

namespace newsclip {

extern const std::string_view kBuiltinRules;

Field ParseField(std::string_view name) {
  if (name == "authors") return Field::kAuthors;
  if (name == "date") return Field::kDate;
  if (name == "source") return Field::kSource;
  if (name == "editors") return Field::kEditors;
  if (name == "title") return Field::kTitle;
  return Field::kNone;
}

std::string_view FieldName(Field field) {
  switch (field) {
    case Field::kAuthors: return "authors";
    case Field::kDate: return "date";
    case Field::kSource: return "source";
    case Field::kEditors: return "editors";
    case Field::kTitle: return "title";
    case Field::kNone: break;
  }
  return "none";
}

namespace {

bool ParseKind(std::string_view s, RuleKind* kind) {
  static const std::pair<std::string_view, RuleKind> kKinds[] = {
      {"boilerplate", RuleKind::kBoilerplate}, {"chrome", RuleKind::kChrome},
      {"label", RuleKind::kLabel},             {"byline", RuleKind::kByline},
      {"dateline", RuleKind::kDateline}};
  for (const auto& [name, k] : kKinds) {
    if (s == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

}  // namespace

Rules Rules::Parse(std::string_view text, std::string_view where) {
  Rules out;
  size_t pos = 0;
  int line_no = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') {
      if (nl == text.size()) break;
      continue;
    }
    const std::string loc = std::string(where) + ":" + std::to_string(line_no);
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) {
      throw Error(loc + ": expected KIND<TAB>NAME<TAB>PATTERN, got '" + std::string(line) + "'");
    }
    Rule rule;
    if (!ParseKind(line.substr(0, t1), &rule.kind)) {
      throw Error(loc + ": unknown rule kind '" + std::string(line.substr(0, t1)) +
                  "' (expected boilerplate, chrome, label, byline or dateline)");
    }
    rule.name = std::string(line.substr(t1 + 1, t2 - t1 - 1));
    rule.pattern = std::string(line.substr(t2 + 1));
    rule.where = loc;
    if (rule.kind == RuleKind::kLabel || rule.kind == RuleKind::kByline ||
        rule.kind == RuleKind::kDateline) {
      rule.field = ParseField(rule.name);
      if (rule.field == Field::kNone || (rule.field == Field::kTitle && rule.kind != RuleKind::kLabel)) {
        throw Error(loc + ": unknown field '" + rule.name +
                    "' (expected authors, date, source or editors)");
      }
    }
    RE2 re(rule.pattern, RE2::Quiet);
    if (!re.ok()) {
      throw Error(loc + ": invalid pattern '" + rule.pattern + "': " + re.error());
    }
    out.rules_.push_back(std::move(rule));
    if (nl == text.size()) break;
  }
  return out;
}

Rules Rules::Builtin() { return Parse(kBuiltinRules, "builtin:data/rules.tsv"); }

Rules Rules::FromFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error("rules file '" + path + "' is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read rules file '" + path + "'");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error("cannot read rules file '" + path + "': read error");
  return Parse(text, path);
}

void Rules::Merge(const Rules& other) {
  std::set<std::pair<RuleKind, std::string>> overridden;
  for (const Rule& r : other.rules_) overridden.emplace(r.kind, r.name);
  std::vector<Rule> kept;
  for (Rule& r : rules_) {
    if (!overridden.count({r.kind, r.name})) kept.push_back(std::move(r));
  }
  kept.insert(kept.end(), other.rules_.begin(), other.rules_.end());
  rules_ = std::move(kept);
}

std::vector<const Rule*> Rules::OfKind(RuleKind kind) const {
  std::vector<const Rule*> out;
  for (const Rule& r : rules_) {
    if (r.kind == kind) out.push_back(&r);
  }
  return out;
}

struct RuleMatcher::Impl {
  std::unique_ptr<RE2::Set> boilerplate;
  std::unique_ptr<RE2::Set> chrome;
  std::unique_ptr<RE2> labels;  // groups 1..5: authors, date, source, editors, title
  struct Form {
    Field field;
    std::unique_ptr<RE2> re;
  };
  std::vector<Form> bylines;
  std::vector<std::unique_ptr<RE2>> datelines;
  // One anchored pass over all byline (dateline) forms tells which one to run with captures.
  std::unique_ptr<RE2::Set> byline_set, dateline_set;
};

namespace {

std::unique_ptr<RE2::Set> CompileSet(const std::vector<const Rule*>& rules,
                                     std::vector<std::string>* names,
                                     RE2::Anchor anchor = RE2::UNANCHORED) {
  RE2::Options opt;
  opt.set_log_errors(false);
  auto set = std::make_unique<RE2::Set>(opt, anchor);
  for (const Rule* r : rules) {
    std::string error;
    if (set->Add(r->pattern, &error) < 0) {
      throw Error(r->where + ": invalid pattern '" + r->pattern + "': " + error);
    }
    names->push_back(r->name);
  }
  if (!set->Compile()) throw Error("cannot compile the rule set (out of memory for RE2)");
  return set;
}

int FirstMatch(const RE2::Set* set, size_t count, std::string_view line) {
  if (count == 0) return -1;
  std::vector<int> hits;
  if (!set->Match(line, &hits)) return -1;
  return *std::min_element(hits.begin(), hits.end());
}

}  // namespace

RuleMatcher::RuleMatcher(const Rules& rules) : impl_(std::make_unique<Impl>()) {
  impl_->boilerplate = CompileSet(rules.OfKind(RuleKind::kBoilerplate), &boilerplate_names_);
  for (const Rule* r : rules.OfKind(RuleKind::kBoilerplate)) {
    std::string_view p = r->pattern;
    if (p.starts_with("(?i)")) p.remove_prefix(4);
    boilerplate_anchored_.push_back(p.starts_with("^") && p.find('|') == std::string_view::npos);
  }
  impl_->chrome = CompileSet(rules.OfKind(RuleKind::kChrome), &chrome_names_);
  std::string words[5];
  for (const Rule* r : rules.OfKind(RuleKind::kLabel)) {
    int i = r->field == Field::kAuthors ? 0 : r->field == Field::kDate ? 1 : r->field == Field::kSource ? 2
          : r->field == Field::kEditors ? 3 : 4;
    if (!words[i].empty()) words[i] += '|';
    words[i] += "(?:" + r->pattern + ")";
  }
  std::string pattern = "(?:^|[\\s|,;(\\[【/])(?:";
  for (int i = 0; i < 5; ++i) {
    if (i) pattern += '|';
    pattern += "(" + (words[i].empty() ? std::string("$^") : words[i]) + ")";
  }
  pattern += ")(?:\\s*[:|]|\\s+[-–—]\\s|\\s*—)\\s*";  // "Source: X", "Source - X", "文|X"
  RE2::Options opt;
  opt.set_log_errors(false);
  impl_->labels = std::make_unique<RE2>(pattern, opt);
  if (!impl_->labels->ok()) throw Error("invalid label words: " + impl_->labels->error());
  std::vector<std::string> unused;
  for (const Rule* r : rules.OfKind(RuleKind::kByline)) {
    impl_->bylines.push_back({r->field, std::make_unique<RE2>(r->pattern, opt)});
  }
  impl_->byline_set = CompileSet(rules.OfKind(RuleKind::kByline), &unused, RE2::ANCHOR_START);
  for (const Rule* r : rules.OfKind(RuleKind::kDateline)) {
    impl_->datelines.push_back(std::make_unique<RE2>(r->pattern, opt));
  }
  impl_->dateline_set = CompileSet(rules.OfKind(RuleKind::kDateline), &unused, RE2::ANCHOR_START);
}

RuleMatcher::~RuleMatcher() = default;

int RuleMatcher::Boilerplate(std::string_view line, bool long_line) const {
  if (boilerplate_names_.empty()) return -1;
  std::vector<int> hits;
  if (!impl_->boilerplate->Match(line, &hits)) return -1;
  std::sort(hits.begin(), hits.end());
  for (int h : hits) {
    if (!long_line || boilerplate_anchored_[h]) return h;
  }
  return -1;
}

int RuleMatcher::Chrome(std::string_view line) const {
  return FirstMatch(impl_->chrome.get(), chrome_names_.size(), line);
}

std::vector<LabelHit> RuleMatcher::Labels(std::string_view line) const {
  std::vector<LabelHit> hits;
  // Every label ends in ':', '|' or a dash: most lines hold none of them (a plain scan is ~20x
  // cheaper than the pattern).
  if (line.find_first_of(":|-") == std::string_view::npos && line.find("\xE2\x80") == std::string_view::npos) {
    return hits;
  }
  re2::StringPiece g[6];
  size_t pos = 0;
  while (pos < line.size() &&
         impl_->labels->Match(line, pos, line.size(), RE2::UNANCHORED, g, 6)) {
    LabelHit hit;
    for (int i = 1; i <= 5; ++i) {
      if (g[i].data() != nullptr) {
        hit.field = i == 1 ? Field::kAuthors : i == 2 ? Field::kDate : i == 3 ? Field::kSource
                  : i == 4 ? Field::kEditors : Field::kTitle;
        hit.label_begin = static_cast<size_t>(g[i].data() - line.data());
        break;
      }
    }
    hit.value_begin = static_cast<size_t>(g[0].data() - line.data()) + g[0].size();
    // "... engines of prosperity by:" ends a sentence; a label needs a value after it.
    if (hit.value_begin < line.size()) hits.push_back(hit);
    // The separator before the next label may be the last char of this match: rescan from it.
    pos = hit.value_begin > pos ? hit.value_begin : pos + 1;
  }
  return hits;
}

Field RuleMatcher::LabelOnly(std::string_view line) const {
  re2::StringPiece g[6];
  if (line.size() > 60 || !impl_->labels->Match(line, 0, line.size(), RE2::ANCHOR_BOTH, g, 6)) return Field::kNone;
  static constexpr Field kFields[] = {Field::kAuthors, Field::kDate, Field::kSource, Field::kEditors, Field::kTitle};
  for (int i = 1; i <= 5; ++i) {
    if (g[i].data() != nullptr) return kFields[i - 1];
  }
  return Field::kNone;
}

bool RuleMatcher::Byline(std::string_view line, Field* field, std::string_view* value) const {
  std::vector<int> hits;
  if (impl_->bylines.empty() || !impl_->byline_set->Match(line, &hits)) return false;
  std::sort(hits.begin(), hits.end());
  re2::StringPiece g[2];
  for (int h : hits) {
    const Impl::Form& f = impl_->bylines[h];
    if (f.re->Match(line, 0, line.size(), RE2::ANCHOR_START, g, 2)) {
      *field = f.field;
      *value = g[1];
      return true;
    }
  }
  return false;
}

bool RuleMatcher::Dateline(std::string_view line, std::string_view* source, size_t* end) const {
  std::vector<int> hits;
  if (impl_->datelines.empty() || !impl_->dateline_set->Match(line, &hits)) return false;
  std::sort(hits.begin(), hits.end());
  re2::StringPiece g[2];
  for (int h : hits) {
    const auto& re = impl_->datelines[h];
    if (re->Match(line, 0, line.size(), RE2::ANCHOR_START, g, 2)) {
      *source = g[1];
      *end = g[0].size();
      return true;
    }
  }
  return false;
}

}  // namespace newsclip
