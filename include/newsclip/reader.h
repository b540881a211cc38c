// newsclip/reader.h: readers turn inputs into Pages. A reader is a pull iterator: Next() gives
// the next page, or a Reject that says which page could not be used and why, until the end.
// Inputs are files, folders (recursive, sorted by path; page id = path relative to the folder)
// or "-" for stdin. Formats: text (one page per file) and JSONL (one page per line, fields
// renamable), chosen by file name (".jsonl") or ReaderOptions::format.
//
//   newsclip::ReaderOptions options;
//   auto reader = newsclip::OpenInputs({"pages/", "dump.jsonl"}, options);
//   newsclip::Page page;
//   newsclip::Reject reject;
//   while (auto status = reader->Next(&page, &reject); status != newsclip::ReadStatus::kEnd) {...}
#ifndef NEWSCLIP_READER_H_
#define NEWSCLIP_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "newsclip/types.h"

namespace newsclip {

enum class InputFormat { kAuto, kText, kJsonl };

struct ReaderOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: ".jsonl" (also .jsonl.*) is JSONL, else text
  std::string id_field = "id";              // JSONL field names
  std::string text_field = "text";
  std::string url_field = "url";
  std::string crawl_date_field = "crawl_date";
  std::optional<Date> crawl_date;           // for every page that does not carry one (none)
  uint64_t max_page_bytes = 8ull << 20;     // larger pages are rejected unread (8 MiB)
};

enum class ReadStatus { kPage, kReject, kEnd };

// A page that could not be read: counted, written to --rejects, never silently dropped.
struct Reject {
  std::string id;
  Origin origin;
  std::string reason;  // short kind first: "invalid-json: ...", "too-large: ...", "unreadable: ..."
};

class Reader {
 public:
  virtual ~Reader() = default;
  // Fills *page (kPage) or *reject (kReject); kEnd when every input is exhausted.
  virtual ReadStatus Next(Page* page, Reject* reject) = 0;
  // Bytes read so far (of the inputs as stored), for progress and stats.
  virtual uint64_t bytes_read() const = 0;
};

// A reader over all `inputs` in order. Never throws for a bad input: a missing or unreadable
// path becomes a Reject.
std::unique_ptr<Reader> OpenInputs(const std::vector<std::string>& inputs, const ReaderOptions& options);

// The reader for one stream of one format (used by OpenInputs and by tests).
std::unique_ptr<Reader> OpenStream(std::unique_ptr<std::istream> in, std::string name, std::string id,
                                   InputFormat format, const ReaderOptions& options);

// The format a path gets under kAuto.
InputFormat FormatOf(const std::string& path, InputFormat requested);

}  // namespace newsclip

#endif  // NEWSCLIP_READER_H_
