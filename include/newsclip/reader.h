// newsclip/reader.h: readers turn inputs into Pages. A reader is a pull iterator: Next() gives
// the next page, or a Reject that says which page could not be used and why, until the end.
// Inputs are files, folders (recursive, sorted by path; page id = path relative to the folder)
// or "-" for stdin. Formats: text (one page per file), HTML (one page per file, see html.h), JSONL
// (one page per line, fields renamable; an "html" field instead of "text" makes an HTML page) and
// WARC/1.0 and 1.1 (each WET "conversion" record is a page, and each "response" record whose HTTP
// payload is HTML (text/html, application/xhtml+xml) with a 2xx status; other records are skipped
// and counted by kind), chosen by file name or ReaderOptions::format. Every input may be
// gzip (also multi-member) or zstd, recognised by its magic bytes (compress.h).
//
//   newsclip::ReaderOptions options;
//   auto reader = newsclip::OpenInputs({"pages/", "dump.jsonl.zst", "CC-MAIN-1.warc.wet.gz"}, options);
//   newsclip::Page page;
//   newsclip::Reject reject;
//   while (auto status = reader->Next(&page, &reject); status != newsclip::ReadStatus::kEnd) {...}
//
// Memory per reader is bounded by max_page_bytes plus fixed buffers, whatever the input size:
// a page, line or record over max_page_bytes is skipped, never held.
#ifndef NEWSCLIP_READER_H_
#define NEWSCLIP_READER_H_

#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsclip/types.h"

namespace newsclip {

enum class InputFormat { kAuto, kText, kJsonl, kWarc, kHtml };

struct ReaderOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: by file name (FormatOf), then by content
  std::string id_field = "id";              // JSONL field names
  std::string text_field = "text";
  std::string html_field = "html";          // a line with this field and no text field is an HTML page
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
  // Short kind first: "invalid-json: ...", "bad-field: ...", "too-large: ...", "unreadable: ...",
  // "truncated: ..." (a damaged compressed stream, a short WARC record), "bad-warc: ...".
  std::string reason;
};

class Reader {
 public:
  virtual ~Reader() = default;
  // Fills *page (kPage) or *reject (kReject); kEnd when every input is exhausted.
  virtual ReadStatus Next(Page* page, Reject* reject) = 0;
  // Bytes read so far, decompressed (the bytes the formats were parsed from), for stats.
  virtual uint64_t bytes_read() const = 0;
  // Bytes of the inputs as stored (compressed) taken so far, for progress against file sizes.
  virtual uint64_t stored_bytes_read() const { return bytes_read(); }
  // Records read that are not pages (WARC "warcinfo", "request", "response", "metadata", ...),
  // by record type. They are neither pages nor rejects.
  virtual std::map<std::string, uint64_t> records_skipped() const { return {}; }
  // Bytes the reader itself replaced by U+FFFD so that a record could be parsed (invalid UTF-8 and
  // lone surrogate escapes in a JSONL line), so far. Invalid UTF-8 that reaches a page is repaired
  // and counted later, by the normalize stage.
  virtual uint64_t invalid_bytes_repaired() const { return 0; }
};

// One input file as the run sees it: its path ("-" for stdin) and the page id a text page gets.
struct InputFile {
  std::string path;
  std::string id;
};

// The files `inputs` name, in reading order: each input in the order given; a folder gives its
// files recursively, sorted by path relative to it, leaving out dotfiles and annotation files
// (*.json). Never throws: a missing path, a folder that cannot be listed and a dangling symlink
// stay in the list and become Rejects when read.
std::vector<InputFile> ListInputs(const std::vector<std::string>& inputs);

// Shard `index` of `count` (0 <= index < count) of `files`: the files at positions i (0-based,
// in reading order) with i % count == index. Every file is in exactly one shard.
std::vector<InputFile> ShardOf(const std::vector<InputFile>& files, uint32_t index, uint32_t count);

// A reader over `files` in order, opening each when the previous one is done.
std::unique_ptr<Reader> OpenFiles(std::vector<InputFile> files, const ReaderOptions& options);

// A reader over all `inputs` in order: OpenFiles(ListInputs(inputs), options). Never throws for a
// bad input: a missing or unreadable path becomes a Reject.
std::unique_ptr<Reader> OpenInputs(const std::vector<std::string>& inputs, const ReaderOptions& options);

// An HTTP response as a WARC "response" record holds it: status, headers, payload.
struct HttpResponse {
  int status = 0;            // 200, 301, ...; 0 when the status line is malformed
  std::string content_type;  // the Content-Type header, "" when absent
  std::string payload;       // the body, de-chunked and decompressed (gzip, deflate, zstd)
};

// Parses `block` (status line, headers, empty line, body). False with *error when there is no
// status line and header end. A body whose Transfer-Encoding or Content-Encoding cannot be undone
// is kept as it came (crawlers often store it decoded under the original headers).
// The payload is cut after `max_payload` bytes of decompressed output (a decompression bomb).
bool ParseHttpResponse(std::string_view block, HttpResponse* response, std::string* error,
                       uint64_t max_payload = UINT64_MAX);

// The reader for one stream of one format (used by OpenFiles and by tests). The stream is
// decompressed when it is gzip or zstd; a damaged or truncated stream ends the stream with a
// Reject naming `name`. With kAuto, a stream that FormatOf calls text but that starts with a
// "WARC/1." line is read as WARC.
std::unique_ptr<Reader> OpenStream(std::unique_ptr<std::istream> in, std::string name, std::string id,
                                   InputFormat format, const ReaderOptions& options);

// The format a path gets under kAuto, from its name without a ".gz"/".zst" suffix: "*.warc",
// "*.wet" (so "*.warc.gz", "*.warc.wet.gz") are WARC; names containing ".jsonl" are JSONL;
// "*.html", "*.htm", "*.xhtml" are HTML; anything else is text. Any other `requested` format is returned as is.
InputFormat FormatOf(const std::string& path, InputFormat requested);

}  // namespace newsclip

#endif  // NEWSCLIP_READER_H_
