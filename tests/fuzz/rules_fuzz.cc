// Fuzz target: the rules-file parser and the rule matcher. The input is a rules file; when it
// parses and compiles, each of its lines is also matched against the rules as a page line would be.
// Compiling the built-in rules takes ~25 ms, so the input is merged over them and that set is
// compiled for one input in 16 only; the input's own rules are compiled every time.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "newsclip/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  newsclip::Rules rules;
  try {
    rules = newsclip::Rules::Parse(text, "fuzz.tsv");
  } catch (const newsclip::Error&) {
    return 0;  // a malformed rules file is an error with a message, not a crash
  }
  static const newsclip::Rules* builtin = new newsclip::Rules(newsclip::Rules::Builtin());
  newsclip::Rules all = *builtin;
  all.Merge(rules);
  for (const newsclip::Rules* set : {&rules, &all}) {
    if (set == &all && size % 16 != 0) break;
    try {
      const newsclip::RuleMatcher matcher(*set);
      std::string_view rest = text;
      while (!rest.empty()) {
        const size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
        if (int i = matcher.Boilerplate(line, line.size() > 80); i >= 0) matcher.BoilerplateName(i);
        if (int i = matcher.Chrome(line); i >= 0) matcher.ChromeName(i);
        matcher.Labels(line);
        matcher.LabelOnly(line);
        newsclip::Field field;
        std::string_view value;
        size_t end;
        matcher.Byline(line, &field, &value);
        matcher.Dateline(line, &value, &end);
      }
    } catch (const newsclip::Error&) {
    }
  }
  return 0;
}
