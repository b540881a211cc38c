// Fuzz target: the whole pipeline on one page (normalize, lines, segment, boilerplate, metadata,
// writer). Every record written must be one valid JSON object per line whose line and byte ranges
// lie inside the page.
#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "newsclip/pipeline.h"
#include "newsclip/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const newsclip::Pipeline* pipeline = new newsclip::Pipeline();
  newsclip::Page page;
  page.id = "fuzz-page";
  // The first byte picks whether the page has a crawl date and a URL (both change the dates).
  if (size > 0 && (data[0] & 1)) page.crawl_date = newsclip::Date{2024, 5, 1};
  if (size > 0 && (data[0] & 2)) page.url = "https://example.com/2022/09/29/story.html";
  page.text.assign(reinterpret_cast<const char*>(data), size);

  newsclip::PageResult result = pipeline->Process(std::move(page));
  for (const newsclip::Line& line : result.lines) {
    if (line.begin > line.end || line.end > result.text.size()) std::abort();
  }
  for (const newsclip::Article& a : result.articles) {
    if (a.first_line > a.last_line || a.last_line >= result.lines.size()) std::abort();
    if (a.roles.size() != a.last_line - a.first_line + 1) std::abort();
  }

  std::string out;
  newsclip::AppendJsonl(result, &out);
  std::string_view rest = out;
  size_t records = 0;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) std::abort();  // every record ends with '\n'
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(rest.data(), nl);
    if (doc.HasParseError() || !doc.IsObject()) std::abort();
    rest.remove_prefix(nl + 1);
    ++records;
  }
  if (records != result.articles.size()) std::abort();
  return 0;
}
