// Fuzz target: the date parser. The first byte picks the context (crawl-date anchor, default year,
// year-only dates); the rest is the line. A match must lie inside the line and be a real date.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "newsclip/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const newsclip::DateParser* parser = new newsclip::DateParser();
  if (size == 0) return 0;
  newsclip::DateContext context;
  if (data[0] & 1) context.anchor = newsclip::Date{2024, 5, 1};
  if (data[0] & 2) context.default_year = 2022;
  context.allow_year_only = (data[0] & 4) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  if (auto m = parser->Find(text, context)) {
    if (m->begin > m->end || m->end > text.size()) std::abort();
    if (!m->yearless && !newsclip::DateParser::IsValid(m->date)) std::abort();
    m->date.ToIso();
  }
  parser->MonthNumber(text);
  if (auto d = newsclip::DateFromUrl(text)) d->ToIso();
  if (auto d = newsclip::ParseIsoDate(text)) d->ToIso();
  return 0;
}
