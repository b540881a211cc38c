// Readers. Every input goes through a DecompressingStream (gzip, zstd or plain by magic bytes) and
// a ByteSource, a 1 MiB buffer that knows the offset of every byte consumed. On top of it:
// - text: the whole stream is one page, read up to max_page_bytes; a larger one is rejected after
//   holding only that much, and the rest is not read (a decompression bomb stops there);
// - JSONL: one page per line, parsed with simdjson's On-Demand API; a line over max_page_bytes is
//   skipped as it streams by, so a 100 MB line costs no more than max_page_bytes of memory. A line
//   that fails only for invalid UTF-8 or a lone surrogate escape is repaired (U+FFFD) and parsed
//   again, so that it is read like a text page with the same bytes;
// - WARC: a record is a version line, header lines up to an empty line, a block of exactly
//   Content-Length bytes and (normally) CRLF CRLF. "conversion" records (WET) are pages; other
//   types are skipped (only their first max_page_bytes are held). A record whose header is broken,
//   or whose Content-Length does not lead to the next "WARC/" line, is rejected with its record
//   number and byte offset, and reading resynchronises at the next line that starts with "WARC/1.";
//   when Content-Length runs past the end of the input, at the first such line inside the block.
// A damaged compressed stream ends its input with one Reject; the run goes on with the next input.
#include "newsclip/reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

#include "newsclip/compress.h"
#include "newsclip/dates.h"

namespace newsclip {

namespace fs = std::filesystem;

InputFormat FormatOf(const std::string& path, InputFormat requested) {
  if (requested != InputFormat::kAuto) return requested;
  std::string name = fs::path(path).filename().string();
  for (const char* suffix : {".gz", ".zst", ".zstd"}) {
    if (name.ends_with(suffix)) {
      name.resize(name.size() - std::strlen(suffix));
      break;
    }
  }
  if (name.ends_with(".warc") || name.ends_with(".wet")) return InputFormat::kWarc;
  for (const char* suffix : {".html", ".htm", ".xhtml", ".HTML", ".HTM"}) {
    if (name.ends_with(suffix)) return InputFormat::kHtml;
  }
  return name.find(".jsonl") != std::string::npos ? InputFormat::kJsonl : InputFormat::kText;
}

namespace {

// Built field by field: brace-initialising the nested Origin makes GCC 12 warn falsely.
Reject MakeReject(std::string id, const Origin& origin, std::string reason) {
  Reject reject;
  reject.id = std::move(id);
  reject.origin = origin;
  reject.reason = std::move(reason);
  return reject;
}

// Copies the JSON text `in` to *out with what keeps a line of JSON from parsing although its
// meaning is clear replaced: each invalid UTF-8 sequence (overlong forms, encoded surrogates, code
// points over U+10FFFF, stray continuation bytes, truncated sequences) by U+FFFD, one per maximal
// invalid subpart as ICU and the WHATWG decoder do, and each \u escape of a lone UTF-16 surrogate
// by \ufffd. Returns the number of bytes replaced (0: nothing to repair).
uint64_t RepairJson(std::string_view in, std::string* out) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  auto byte = [&](size_t i) { return static_cast<unsigned char>(in[i]); };
  auto hex4 = [&](size_t i, uint32_t* cu) {
    if (i + 4 > in.size()) return false;
    *cu = 0;
    for (size_t k = i; k < i + 4; ++k) {
      const char c = in[k];
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      *cu = *cu * 16 + static_cast<uint32_t>(d);
    }
    return true;
  };
  out->clear();
  out->reserve(in.size() + 16);
  uint64_t replaced = 0;
  size_t i = 0;
  while (i < in.size()) {
    const unsigned char b = byte(i);
    if (b == '\\') {
      uint32_t cu = 0;
      if (i + 1 < in.size() && in[i + 1] == 'u' && hex4(i + 2, &cu) && cu >= 0xD800 && cu <= 0xDFFF) {
        uint32_t low = 0;
        if (cu <= 0xDBFF && i + 12 <= in.size() && in[i + 6] == '\\' && in[i + 7] == 'u' && hex4(i + 8, &low) &&
            low >= 0xDC00 && low <= 0xDFFF) {
          out->append(in.substr(i, 12));  // a valid pair
          i += 12;
        } else {
          out->append("\\ufffd");
          replaced += 6;
          i += 6;
        }
      } else {
        out->append(in.substr(i, std::min<size_t>(2, in.size() - i)));  // any other escape, whole
        i += 2;
      }
      continue;
    }
    if (b < 0x80) {
      out->push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    // Length of the sequence and the range of its second byte (Unicode table 3-7).
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) len = 2;
    else if (b >= 0xE0 && b <= 0xEF) len = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    else if (b >= 0xF0 && b <= 0xF4) len = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    size_t good = len == 0 ? 0 : 1;  // bytes of a valid prefix
    while (good > 0 && good < len && i + good < in.size()) {
      const unsigned char c = byte(i + good);
      if (good == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) break;
      ++good;
    }
    if (len > 0 && good == len) {
      out->append(in.substr(i, len));
      i += len;
    } else {
      const size_t bad = std::max<size_t>(good, 1);  // the maximal invalid subpart
      out->append(kReplacement);
      replaced += bad;
      i += bad;
    }
  }
  return replaced;
}

// The decompressed bytes of one input, buffered, with the offset of every byte consumed.
class ByteSource {
 public:
  static constexpr size_t kBufSize = 1 << 20;

  explicit ByteSource(std::unique_ptr<std::istream> in)
      : in_(std::make_unique<DecompressingStream>(std::move(in))) {}

  // Up to `n` (<= kBufSize) bytes ahead, not consumed; shorter only at the end of the input.
  std::string_view Peek(size_t n) {
    while (end_ - pos_ < n && Refill()) {
    }
    return std::string_view(buf_.get() + pos_, std::min(n, end_ - pos_));
  }

  // Consumes the next line and its '\n'. Appends at most `max` bytes of it (without the '\n') to
  // *line and sets *too_long when it had more; *terminated tells whether a '\n' ended it. False
  // at the end of the input.
  bool ReadLine(std::string* line, uint64_t max, bool* too_long, bool* terminated) {
    bool any = false;
    *terminated = false;
    for (;;) {
      if (pos_ == end_ && !Refill()) return any;
      any = true;
      const char* start = buf_.get() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      const size_t take = nl ? static_cast<size_t>(nl - start) : end_ - pos_;
      if (!*too_long) {
        if (line->size() + take > max) {
          *too_long = true;
          line->clear();
          if (line->capacity() > kBufSize) line->shrink_to_fit();
        } else {
          line->append(start, take);
        }
      }
      Consume(take);
      if (nl) {
        Consume(1);
        *terminated = true;
        return true;
      }
    }
  }

  // Consumes up to `n` bytes, appending them to *out (nullptr: dropped). Fewer only at the end.
  uint64_t Read(uint64_t n, std::string* out) {
    uint64_t done = 0;
    while (done < n) {
      if (pos_ == end_ && !Refill()) break;
      const size_t take = static_cast<size_t>(std::min<uint64_t>(n - done, end_ - pos_));
      if (out) out->append(buf_.get() + pos_, take);
      Consume(take);
      done += take;
    }
    return done;
  }

  // Consumes CR and LF bytes (blank lines); how many.
  uint64_t SkipNewlines() {
    uint64_t n = 0;
    for (;; ++n) {
      if (pos_ == end_ && !Refill()) return n;
      if (buf_[pos_] != '\r' && buf_[pos_] != '\n') return n;
      Consume(1);
    }
  }

  // At the end of the input: makes `bytes`, which were read before, the rest of the input again,
  // starting at offset `at`. How a WARC record whose Content-Length runs past the end gives back the
  // records it swallowed.
  void Replay(std::string bytes, uint64_t at) {
    if (!replayed_) stored_ = in_->source_bytes();  // replayed bytes were counted when first read
    replayed_ = true;
    in_ = std::make_unique<DecompressingStream>(std::make_unique<std::istringstream>(std::move(bytes)));
    pos_ = end_ = 0;
    eof_ = false;
    offset_ = at;
  }

  uint64_t offset() const { return offset_; }
  uint64_t stored_bytes() const { return replayed_ ? stored_ : in_->source_bytes(); }
  // Why the input is damaged ("" when it is not).
  const std::string& error() const { return in_->error(); }
  // The reason of a Reject for the damage: "truncated: ..." or "unreadable: ...".
  std::string ErrorReason() const {
    const std::string what = in_->error().empty() ? "read error" : in_->error();
    return (in_->truncated() ? "truncated: " : "unreadable: ") + what + " (after " + std::to_string(offset_) +
           " bytes)";
  }
  bool damaged() const { return in_->bad(); }

 private:
  void Consume(size_t n) {
    pos_ += n;
    offset_ += n;
  }

  // Moves what is left to the front and reads more; false when nothing more came.
  bool Refill() {
    if (eof_) return false;
    if (pos_ > 0) {
      std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    in_->read(buf_.get() + end_, static_cast<std::streamsize>(kBufSize - end_));
    const std::streamsize got = in_->gcount();
    if (!*in_) eof_ = true;
    if (got <= 0) return false;
    end_ += static_cast<size_t>(got);
    return true;
  }

  std::unique_ptr<DecompressingStream> in_;
  // Not zero-filled: zeroing 1 MiB per input was 60% of the time of a folder of small pages.
  std::unique_ptr<char[]> buf_ = std::make_unique_for_overwrite<char[]>(kBufSize);
  size_t pos_ = 0, end_ = 0;
  uint64_t offset_ = 0;
  uint64_t stored_ = 0;  // after a Replay: the source bytes of the input, all read
  bool replayed_ = false;
  bool eof_ = false;
};

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

std::string_view TrimWs(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

// text/html, application/xhtml+xml; a payload without a Content-Type is sniffed by the caller's
// ParseHttpResponse (it sets one when the body starts like HTML).
bool IsHtmlType(std::string_view content_type) {
  const std::string_view t = TrimWs(content_type);
  return StartsWithNoCase(t, "text/html") || StartsWithNoCase(t, "application/xhtml");
}

// Undoes "Transfer-Encoding: chunked". False when the body is not well-formed chunks.
bool Dechunk(std::string_view body, std::string* out) {
  out->clear();
  size_t at = 0;
  for (;;) {
    const size_t eol = body.find('\n', at);
    if (eol == std::string_view::npos) return false;
    std::string_view size_line = TrimWs(body.substr(at, eol - at));
    if (size_t semi = size_line.find(';'); semi != std::string_view::npos) size_line = TrimWs(size_line.substr(0, semi));
    if (size_line.empty() || size_line.size() > 12 || size_line.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos) {
      return false;
    }
    const uint64_t n = std::stoull(std::string(size_line), nullptr, 16);
    at = eol + 1;
    if (n == 0) return true;
    if (at + n > body.size()) {  // a cut last chunk: keep what there is
      out->append(body.substr(at));
      return true;
    }
    out->append(body.substr(at, n));
    at += n;
    if (at < body.size() && body[at] == '\r') ++at;
    if (at < body.size() && body[at] == '\n') ++at;
  }
}

// Reads one whole stream as one page.
class TextReader : public Reader {
 public:
  TextReader(ByteSource src, std::string name, std::string id, const ReaderOptions& options, PageFormat format)
      : src_(std::move(src)), name_(std::move(name)), id_(std::move(id)), options_(options), format_(format) {}

  ReadStatus Next(Page* page, Reject* reject) override {
    if (done_) return ReadStatus::kEnd;
    done_ = true;
    Origin origin{name_, 1, 0, 0};
    const uint64_t cap = options_.max_page_bytes;
    std::string text;
    src_.Read(cap, &text);
    if (!src_.Peek(1).empty()) {
      // The rest is not read at all: a decompression bomb costs max_page_bytes, not its size.
      *reject = {id_, origin, "too-large: page over --max-page-bytes (" + std::to_string(cap) + "), not read further"};
      return ReadStatus::kReject;
    }
    if (src_.damaged()) {
      *reject = {id_, origin, src_.ErrorReason()};
      return ReadStatus::kReject;
    }
    *page = Page{};
    page->id = id_;
    page->text = std::move(text);
    page->crawl_date = options_.crawl_date;
    page->origin = origin;
    page->format = format_;
    return ReadStatus::kPage;
  }

  uint64_t bytes_read() const override { return src_.offset(); }
  uint64_t stored_bytes_read() const override { return src_.stored_bytes(); }

 private:
  ByteSource src_;
  std::string name_, id_;
  const ReaderOptions options_;  // a copy: the caller's options may be a temporary
  const PageFormat format_;
  bool done_ = false;
};

// One page per line; fields by name. Lines over max_page_bytes are skipped without being held.
class JsonlReader : public Reader {
 public:
  JsonlReader(ByteSource src, std::string name, const ReaderOptions& options)
      : src_(std::move(src)), name_(std::move(name)), options_(options) {}

  ReadStatus Next(Page* page, Reject* reject) override {
    for (;;) {
      bool too_long = false, terminated = false;
      const uint64_t offset = src_.offset();
      line_.clear();
      const bool got = src_.ReadLine(&line_, options_.max_page_bytes, &too_long, &terminated);
      if (!got || (!terminated && src_.damaged())) {
        // The end, or a damaged stream that cut the last line short.
        if (!src_.damaged() || damage_reported_) return ReadStatus::kEnd;
        damage_reported_ = true;
        ++line_no_;
        *reject = MakeReject(name_ + ":" + std::to_string(line_no_), Origin{name_, line_no_, line_no_, offset}, src_.ErrorReason());
        return ReadStatus::kReject;
      }
      ++line_no_;
      Origin origin{name_, line_no_, line_no_, offset};
      const std::string fallback_id = name_ + ":" + std::to_string(line_no_);
      if (too_long) {
        *reject = {fallback_id, origin,
                   "too-large: line over --max-page-bytes (" + std::to_string(options_.max_page_bytes) + ")"};
        return ReadStatus::kReject;
      }
      std::string_view trimmed = line_;
      while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == ' ' || trimmed.back() == '\t')) {
        trimmed.remove_suffix(1);
      }
      if (trimmed.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
      std::string error;
      bool repairable = false;
      if (Parse(trimmed, origin, page, &error, &repairable)) return ReadStatus::kPage;
      // Invalid UTF-8 or a lone surrogate: repaired to U+FFFD like any page text, and counted.
      if (repairable) {
        const uint64_t replaced = RepairJson(trimmed, &repaired_);
        if (repaired_.size() > options_.max_page_bytes) {  // U+FFFD takes 3 bytes where 1 byte was bad
          *reject = {fallback_id, origin,
                     "too-large: line over --max-page-bytes (" + std::to_string(options_.max_page_bytes) +
                         ") once its invalid UTF-8 is replaced by U+FFFD"};
          return ReadStatus::kReject;
        }
        std::string second_error;
        if (replaced > 0 && Parse(repaired_, origin, page, &second_error, &repairable)) {
          invalid_ += replaced;
          return ReadStatus::kPage;
        }
        if (replaced > 0) error = second_error;
      }
      *reject = {page->id.empty() ? fallback_id : page->id, origin, error};
      return ReadStatus::kReject;
    }
  }

  uint64_t bytes_read() const override { return src_.offset(); }
  uint64_t stored_bytes_read() const override { return src_.stored_bytes(); }
  uint64_t invalid_bytes_repaired() const override { return invalid_; }

 private:
  static const char* TypeName(simdjson::ondemand::json_type type) {
    switch (type) {
      case simdjson::ondemand::json_type::array: return "an array";
      case simdjson::ondemand::json_type::object: return "an object";
      case simdjson::ondemand::json_type::number: return "a number";
      case simdjson::ondemand::json_type::boolean: return "a boolean";
      case simdjson::ondemand::json_type::null: return "null";
      case simdjson::ondemand::json_type::string: break;
    }
    return "a string";
  }

  // Parses one line into *page. False with *error (a Reject reason) when it is not a page;
  // *repairable when the cause is invalid UTF-8 or a bad string (RepairJson may fix it). When a
  // key appears twice, its last value counts (as in Python and JavaScript).
  bool Parse(std::string_view json, const Origin& origin, Page* page, std::string* error, bool* repairable) {
    *page = Page{};
    page->origin = origin;
    *repairable = false;
    simdjson::padded_string padded(json);
    simdjson::ondemand::document doc;
    if (auto err = parser_.iterate(padded).get(doc)) {
      *repairable = err == simdjson::UTF8_ERROR;
      *error = std::string("invalid-json: ") + simdjson::error_message(err);
      return false;
    }
    simdjson::ondemand::object obj;
    if (auto err = doc.get_object().get(obj)) {
      *error = err == simdjson::INCORRECT_TYPE ? std::string("invalid-json: the line is not a JSON object")
                                                : std::string("invalid-json: ") + simdjson::error_message(err);
      return false;
    }
    bool have_text = false, have_html = false;
    for (auto field : obj) {
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) {
        *repairable = err == simdjson::STRING_ERROR || err == simdjson::UTF8_ERROR;
        *error = std::string("invalid-json: bad key: ") + simdjson::error_message(err);
        return false;
      }
      simdjson::ondemand::value value;
      if (auto err = field.value().get(value)) {
        *error = "invalid-json: bad value of '" + std::string(key) + "': " + simdjson::error_message(err);
        return false;
      }
      simdjson::ondemand::json_type type;
      if (auto err = value.type().get(type)) {
        *error = "invalid-json: bad value of '" + std::string(key) + "': " + simdjson::error_message(err);
        return false;
      }
      std::string_view s;
      if (key == options_.text_field) {
        if (type != simdjson::ondemand::json_type::string) {
          *error = "bad-field: '" + options_.text_field + "' is " + TypeName(type) + ", not a string";
          return false;
        }
        if (auto err = value.get_string().get(s)) {
          *repairable = err == simdjson::STRING_ERROR || err == simdjson::UTF8_ERROR;
          *error = "invalid-json: '" + options_.text_field + "' is not a valid JSON string: " + simdjson::error_message(err);
          return false;
        }
        page->text.assign(s);
        have_text = true;
      } else if (key == options_.html_field && !options_.html_field.empty() &&
                 type == simdjson::ondemand::json_type::string) {
        if (auto err = value.get_string().get(s)) {
          *repairable = err == simdjson::STRING_ERROR || err == simdjson::UTF8_ERROR;
          *error = "invalid-json: '" + options_.html_field + "' is not a valid JSON string: " + simdjson::error_message(err);
          return false;
        }
        html_.assign(s);
        have_html = true;
      } else if (key == options_.id_field) {
        if (type == simdjson::ondemand::json_type::string) {
          if (!value.get_string().get(s)) page->id.assign(s);
        } else if (type == simdjson::ondemand::json_type::number) {
          std::string_view raw = value.raw_json_token();
          while (!raw.empty() && (raw.back() == ' ' || raw.back() == ',')) raw.remove_suffix(1);
          page->id.assign(raw);
        }
      } else if (key == options_.url_field) {
        if (type == simdjson::ondemand::json_type::string && !value.get_string().get(s)) page->url.emplace(s);
      } else if (key == options_.crawl_date_field) {
        if (type == simdjson::ondemand::json_type::string && !value.get_string().get(s)) {
          page->crawl_date = ParseIsoDate(s);
        }
      }
    }
    if (page->id.empty()) page->id = name_ + ":" + std::to_string(origin.line);
    if (const char* rest = nullptr; !doc.current_location().get(rest)) {  // OUT_OF_BOUNDS at the end
      *error = "invalid-json: more after the object at column " + std::to_string(rest - padded.data() + 1);
      return false;
    }
    if (!have_text && have_html) {  // an HTML page (a line with both is read as its text)
      page->text.swap(html_);
      page->format = PageFormat::kHtml;
      have_text = true;
    }
    if (!have_text) {
      *error = "bad-field: no '" + options_.text_field + "' field" +
               (options_.html_field.empty() ? "" : " (nor '" + options_.html_field + "')");
      return false;
    }
    if (!page->crawl_date) page->crawl_date = options_.crawl_date;
    return true;
  }

  ByteSource src_;
  std::string name_;
  const ReaderOptions options_;  // a copy: the caller's options may be a temporary
  std::string line_;
  std::string repaired_;  // the line after RepairJson, reused
  std::string html_;      // the html field's value until the line is done
  uint64_t line_no_ = 0;
  uint64_t invalid_ = 0;
  bool damage_reported_ = false;
  simdjson::ondemand::parser parser_;
};

// WARC/1.0 and 1.1 (ISO 28500). WET "conversion" records are pages; every other record type is
// skipped (its block streams by unread) and counted by type.
class WarcReader : public Reader {
 public:
  WarcReader(ByteSource src, std::string name, const ReaderOptions& options)
      : src_(std::move(src)), name_(std::move(name)), options_(options) {}

  ReadStatus Next(Page* page, Reject* reject) override {
    for (;;) {
      src_.SkipNewlines();
      const uint64_t offset = src_.offset();
      if (src_.Peek(1).empty()) {
        if (!src_.damaged() || damage_reported_) return ReadStatus::kEnd;
        damage_reported_ = true;
        *reject = MakeReject(name_ + ":" + std::to_string(record_ + 1), Origin{name_, record_ + 1, 0, offset}, src_.ErrorReason());
        return ReadStatus::kReject;
      }
      ++record_;
      Origin origin{name_, record_, 0, offset};
      Header h;
      std::string problem;
      if (!ReadHeader(&h, &problem)) {
        if (src_.damaged()) {
          damage_reported_ = true;
          problem = src_.ErrorReason();
        } else {
          Resync();
        }
        *reject = {Id(h), origin, problem};
        return ReadStatus::kReject;
      }
      // A response record may be an HTML page: its HTTP headers, at the start of the block, tell.
      const bool is_response = h.type == "response" && StartsWithNoCase(h.content_type, "application/http");
      const bool is_page = h.type == "conversion" || is_response;
      const bool too_large = is_page && h.length > options_.max_page_bytes;
      // The first max_page_bytes of every block are held: a page's text, or, for other records,
      // the bytes to read again when the input ends inside the block.
      std::string text;
      std::string& block = is_page ? text : block_;
      block.clear();
      const uint64_t block_offset = src_.offset();
      const uint64_t held = std::min(h.length, options_.max_page_bytes);
      uint64_t got = src_.Read(held, &block);
      if (got == held) got += src_.Read(h.length - held, nullptr);
      if (got < h.length) {
        damage_reported_ = src_.damaged();
        if (damage_reported_) {
          *reject = {Id(h), origin, src_.ErrorReason()};
          return ReadStatus::kReject;
        }
        std::string reason = "truncated: Content-Length " + std::to_string(h.length) + " but the input ends after " +
                             std::to_string(got) + " bytes of the block";
        // A Content-Length too large swallows the records after it: when they were all held, they
        // are read again from the first "WARC/1." line of the block.
        if (got == block.size()) {
          size_t next = block.starts_with("WARC/1.") ? 0 : block.find("\nWARC/1.");
          if (next != std::string::npos) {
            if (block[next] == '\n') ++next;
            reason = "bad-warc: Content-Length " + std::to_string(h.length) + " runs past the end of the input (" +
                     std::to_string(got) + " bytes follow); reading goes on at the 'WARC/1.' line at byte " +
                     std::to_string(block_offset + next);
            src_.Replay(block.substr(next), block_offset + next);
          }
        }
        *reject = {Id(h), origin, std::move(reason)};
        return ReadStatus::kReject;
      }
      // The block ends with CRLF CRLF, or the next record or the input starts right after it.
      // Anything else means Content-Length is wrong. (Junk after a well-ended record is
      // rejected on its own by the next call.)
      const uint64_t newlines = src_.SkipNewlines();
      const std::string_view next = src_.Peek(5);
      if (newlines < 2 && !next.empty() && next != "WARC/" && !src_.damaged()) {
        *reject = {Id(h), origin,
                   "bad-warc: Content-Length " + std::to_string(h.length) + " does not end the record (no 'WARC/' line after it)"};
        Resync();
        return ReadStatus::kReject;
      }
      if (!is_page) {
        ++skipped_[h.type.empty() ? "untyped" : h.type];
        continue;
      }
      HttpResponse http;
      if (is_response) {
        std::string error;
        if (!ParseHttpResponse(text, &http, &error, options_.max_page_bytes)) {
          if (too_large) {  // only the start of the block is held: the headers may be beyond it
            ++skipped_["response (headers beyond --max-page-bytes)"];
            continue;
          }
          *reject = {Id(h), origin, "bad-http: " + error};
          return ReadStatus::kReject;
        }
        if (http.status < 200 || http.status > 299) {
          ++skipped_["response (HTTP " + std::to_string(http.status) + ")"];
          continue;
        }
        if (!IsHtmlType(http.content_type)) {
          ++skipped_["response (not HTML)"];
          continue;
        }
        if (!too_large && http.payload.size() > options_.max_page_bytes) {
          *reject = {Id(h), origin,
                     "too-large: HTTP payload of over " + std::to_string(options_.max_page_bytes) +
                         " bytes once decoded (--max-page-bytes)"};
          return ReadStatus::kReject;
        }
      }
      if (too_large) {
        *reject = {Id(h), origin,
                   "too-large: record of " + std::to_string(h.length) + " bytes over --max-page-bytes (" +
                       std::to_string(options_.max_page_bytes) + ")"};
        return ReadStatus::kReject;
      }
      *page = Page{};
      page->id = Id(h);
      if (!h.target_uri.empty()) page->url = h.target_uri;
      page->crawl_date = h.date.empty() ? std::nullopt : ParseIsoDate(h.date);
      if (!page->crawl_date) page->crawl_date = options_.crawl_date;
      page->text = is_response ? std::move(http.payload) : std::move(text);
      page->origin = origin;
      if (is_response) {
        page->format = PageFormat::kHtml;
        page->content_type = std::move(http.content_type);
      }
      return ReadStatus::kPage;
    }
  }

  uint64_t bytes_read() const override { return src_.offset(); }
  uint64_t stored_bytes_read() const override { return src_.stored_bytes(); }
  std::map<std::string, uint64_t> records_skipped() const override { return skipped_; }

 private:
  static constexpr uint64_t kMaxHeaderBytes = 1 << 20;
  static constexpr uint64_t kMaxContentLength = 1ull << 40;  // 1 TiB: more is a broken header

  struct Header {
    std::string type, record_id, target_uri, date, content_type;
    uint64_t length = 0;
  };

  std::string Id(const Header& h) const {
    return h.record_id.empty() ? name_ + ":" + std::to_string(record_) : h.record_id;
  }

  // "<urn:uuid:...>" -> "urn:uuid:..." (WARC 1.0 writes some URIs in angle brackets).
  static std::string Unbracket(std::string_view v) {
    if (v.size() >= 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
    return std::string(v);
  }

  static bool NameIs(std::string_view name, std::string_view want) {
    return name.size() == want.size() &&
           std::equal(name.begin(), name.end(), want.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  }

  // Reads the version line and the header fields through the empty line. False with *problem (a
  // Reject reason) when the header is broken; the caller resynchronises.
  bool ReadHeader(Header* h, std::string* problem) {
    std::string line;
    bool too_long = false, terminated = false;
    uint64_t budget = kMaxHeaderBytes;
    src_.ReadLine(&line, budget, &too_long, &terminated);
    std::string_view version = TrimWs(line);
    if (!version.starts_with("WARC/")) {
      *problem = "bad-warc: expected a 'WARC/' version line, found '" + std::string(version.substr(0, 40)) + "'";
      return false;
    }
    bool have_length = false;
    std::string length_text;
    for (;;) {
      budget -= std::min<uint64_t>(budget, line.size() + 1);
      line.clear();
      if (!src_.ReadLine(&line, budget, &too_long, &terminated) || !terminated) {
        *problem = "truncated: the input ends inside the record header";
        return false;
      }
      if (too_long) {
        *problem = "bad-warc: record header over " + std::to_string(kMaxHeaderBytes) + " bytes";
        return false;
      }
      std::string_view l = line;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (l.empty()) break;
      if (l.front() == ' ' || l.front() == '\t') continue;  // a folded continuation: no field we use folds
      const size_t colon = l.find(':');
      if (colon == std::string_view::npos) {
        *problem = "bad-warc: header line without ':': '" + std::string(l.substr(0, 40)) + "'";
        return false;
      }
      const std::string_view name = TrimWs(l.substr(0, colon));
      const std::string_view value = TrimWs(l.substr(colon + 1));
      if (NameIs(name, "warc-type")) h->type = value;
      else if (NameIs(name, "warc-record-id")) h->record_id = Unbracket(value);
      else if (NameIs(name, "warc-target-uri")) h->target_uri = Unbracket(value);
      else if (NameIs(name, "warc-date")) h->date = value;
      else if (NameIs(name, "content-type")) h->content_type = value;
      else if (NameIs(name, "content-length")) {
        have_length = true;
        length_text = value;
      }
    }
    if (!have_length) {
      *problem = "bad-warc: no Content-Length";
      return false;
    }
    if (length_text.empty() || length_text.find_first_not_of("0123456789") != std::string::npos) {
      *problem = "bad-warc: Content-Length '" + length_text.substr(0, 40) + "' is not a byte count";
      return false;
    }
    if (length_text.size() > 13 || std::stoull(length_text) > kMaxContentLength) {
      *problem = "bad-warc: Content-Length " + length_text.substr(0, 40) + " is beyond any record (over 1 TiB)";
      return false;
    }
    h->length = std::stoull(length_text);
    return true;
  }

  // Skips lines up to the next one that starts with "WARC/1." (not consumed) or the end.
  void Resync() {
    std::string discard;
    for (;;) {
      const std::string_view head = src_.Peek(7);
      if (head.empty() || head == "WARC/1.") return;
      bool too_long = false, terminated = false;
      if (!src_.ReadLine(&discard, 0, &too_long, &terminated)) return;
    }
  }

  ByteSource src_;
  std::string name_;
  const ReaderOptions options_;  // a copy: the caller's options may be a temporary
  uint64_t record_ = 0;
  bool damage_reported_ = false;
  std::string block_;  // the held bytes of a block that is not a page, reused
  std::map<std::string, uint64_t> skipped_;
};

// A reader that is only a rejection (a path that cannot be opened).
class RejectReader : public Reader {
 public:
  explicit RejectReader(Reject reject) : reject_(std::move(reject)) {}
  ReadStatus Next(Page*, Reject* reject) override {
    if (done_) return ReadStatus::kEnd;
    done_ = true;
    *reject = reject_;
    return ReadStatus::kReject;
  }
  uint64_t bytes_read() const override { return 0; }

 private:
  Reject reject_;
  bool done_ = false;
};

// Chains the readers of all inputs, opening each lazily.
class MultiReader : public Reader {
 public:
  MultiReader(std::vector<InputFile> files, const ReaderOptions& options) : files_(std::move(files)), options_(options) {}

  ReadStatus Next(Page* page, Reject* reject) override {
    for (;;) {
      if (!current_) {
        if (next_ >= files_.size()) return ReadStatus::kEnd;
        current_ = Open(files_[next_++]);
      }
      ReadStatus status = current_->Next(page, reject);
      if (status != ReadStatus::kEnd) return status;
      done_bytes_ += current_->bytes_read();
      done_stored_ += current_->stored_bytes_read();
      done_invalid_ += current_->invalid_bytes_repaired();
      for (const auto& [type, n] : current_->records_skipped()) skipped_[type] += n;
      current_.reset();
    }
  }

  uint64_t bytes_read() const override { return done_bytes_ + (current_ ? current_->bytes_read() : 0); }
  uint64_t stored_bytes_read() const override {
    return done_stored_ + (current_ ? current_->stored_bytes_read() : 0);
  }
  uint64_t invalid_bytes_repaired() const override {
    return done_invalid_ + (current_ ? current_->invalid_bytes_repaired() : 0);
  }
  std::map<std::string, uint64_t> records_skipped() const override {
    std::map<std::string, uint64_t> all = skipped_;
    if (current_) {
      for (const auto& [type, n] : current_->records_skipped()) all[type] += n;
    }
    return all;
  }

 private:
  static std::unique_ptr<Reader> Unreadable(const InputFile& file, const std::string& why) {
    Reject reject;
    reject.id = file.id;
    reject.origin.file = file.path;
    reject.reason = "unreadable: " + why;
    return std::make_unique<RejectReader>(std::move(reject));
  }

  std::unique_ptr<Reader> Open(const InputFile& file) {
    std::unique_ptr<std::istream> in;
    if (file.path == "-") {
      in = std::make_unique<std::istream>(std::cin.rdbuf());
    } else {
      std::error_code ec;
      if (fs::is_directory(file.path, ec)) {
        fs::directory_iterator list(file.path, ec);  // a folder that ListInputs could not list
        return Unreadable(file, ec ? "cannot list the folder: " + ec.message() : std::string("is a directory"));
      }
      auto stream = std::make_unique<std::ifstream>(file.path, std::ios::binary);
      if (!*stream) {
        return Unreadable(file, std::strerror(errno));
      }
      in = std::move(stream);
    }
    return OpenStream(std::move(in), file.path, file.id, options_.format, options_);
  }

  std::vector<InputFile> files_;
  const ReaderOptions options_;  // a copy: the caller's options may be a temporary
  size_t next_ = 0;
  std::unique_ptr<Reader> current_;
  uint64_t done_bytes_ = 0;
  uint64_t done_stored_ = 0;
  uint64_t done_invalid_ = 0;
  std::map<std::string, uint64_t> skipped_;
};

}  // namespace

bool ParseHttpResponse(std::string_view block, HttpResponse* response, std::string* error, uint64_t max_payload) {
  *response = HttpResponse{};
  if (!block.starts_with("HTTP/")) {
    *error = "expected an HTTP status line, found '" + std::string(TrimWs(block.substr(0, std::min(block.find('\n'), size_t{40})))) + "'";
    return false;
  }
  size_t head_end = block.find("\r\n\r\n");
  size_t body_at = head_end == std::string_view::npos ? std::string_view::npos : head_end + 4;
  if (const size_t lf = block.find("\n\n"); lf != std::string_view::npos && (body_at == std::string_view::npos || lf < head_end)) {
    head_end = lf;
    body_at = lf + 2;
  }
  if (head_end == std::string_view::npos) {
    *error = "no end of the HTTP headers (an empty line)";
    return false;
  }
  std::string_view head = block.substr(0, head_end);
  size_t eol = head.find('\n');
  const std::string_view status_line = TrimWs(head.substr(0, eol));
  if (!status_line.starts_with("HTTP/")) {
    *error = "expected an HTTP status line, found '" + std::string(status_line.substr(0, 40)) + "'";
    return false;
  }
  if (size_t sp = status_line.find(' '); sp != std::string_view::npos) {
    const std::string_view code = status_line.substr(sp + 1, 3);
    if (code.size() == 3 && code.find_first_not_of("0123456789") == std::string_view::npos) {
      response->status = std::stoi(std::string(code));
    }
  }
  std::string transfer_encoding, content_encoding;
  while (eol != std::string_view::npos) {
    const size_t start = eol + 1;
    eol = head.find('\n', start);
    const std::string_view line = TrimWs(head.substr(start, eol == std::string_view::npos ? std::string_view::npos : eol - start));
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = TrimWs(line.substr(0, colon));
    const std::string_view value = TrimWs(line.substr(colon + 1));
    auto is = [&](std::string_view want) { return name.size() == want.size() && StartsWithNoCase(name, want); };
    if (is("content-type")) response->content_type = value;
    else if (is("transfer-encoding")) transfer_encoding = value;
    else if (is("content-encoding")) content_encoding = value;
  }
  std::string_view body = block.substr(std::min(body_at, block.size()));
  std::string dechunked;
  if (StartsWithNoCase(transfer_encoding, "chunked") && Dechunk(body, &dechunked)) body = dechunked;
  const Compression magic = CompressionOfMagic(body.substr(0, 4));
  if (!content_encoding.empty() && !StartsWithNoCase(content_encoding, "identity") && magic != Compression::kNone) {
    DecompressingStream in(std::make_unique<std::istringstream>(std::string(body)));
    std::string out;
    char buf[65536];
    while (in && out.size() <= max_payload) {
      in.read(buf, sizeof(buf));
      out.append(buf, static_cast<size_t>(in.gcount()));
    }
    if (!out.empty()) {  // a damaged stream keeps what it gave
      response->payload = std::move(out);
      return true;
    }
  }
  // An encoding newsclip cannot undo (br, compress) leaves bytes that are not markup: say so rather
  // than read them as a page. (A body kept decoded under its header starts like text.)
  if (!content_encoding.empty() && !StartsWithNoCase(content_encoding, "identity") && magic == Compression::kNone) {
    const std::string_view start = TrimWs(body.substr(0, 64));
    const bool text_like = start.empty() || start.front() == '<' ||
                           std::all_of(start.begin(), start.end(), [](char c) {
                             return static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\r' || c == '\t';
                           });
    if (!text_like) {
      *error = "unsupported Content-Encoding '" + std::string(content_encoding.substr(0, 40)) +
               "' (the body is not readable; gzip, deflate-in-gzip and zstd are undone)";
      return false;
    }
  }
  response->payload.assign(body);
  if (response->content_type.empty()) {  // no header: the body says whether it is HTML
    std::string start(TrimWs(body.substr(0, 256)));
    for (char& c : start) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (start.starts_with("<!doctype html") || start.starts_with("<html")) response->content_type = "text/html";
  }
  return true;
}

std::unique_ptr<Reader> OpenStream(std::unique_ptr<std::istream> in, std::string name, std::string id,
                                   InputFormat format, const ReaderOptions& options) {
  ByteSource src(std::move(in));
  if (format == InputFormat::kAuto) {
    format = FormatOf(name, InputFormat::kAuto);
    if (format == InputFormat::kText && src.Peek(7) == "WARC/1.") format = InputFormat::kWarc;
  }
  switch (format) {
    case InputFormat::kJsonl: return std::make_unique<JsonlReader>(std::move(src), std::move(name), options);
    case InputFormat::kWarc: return std::make_unique<WarcReader>(std::move(src), std::move(name), options);
    case InputFormat::kHtml:
      return std::make_unique<TextReader>(std::move(src), std::move(name), std::move(id), options, PageFormat::kHtml);
    default:
      return std::make_unique<TextReader>(std::move(src), std::move(name), std::move(id), options, PageFormat::kText);
  }
}

namespace {

// Adds the files under `dir` (recursively; symlinked folders are not followed) to *found, with ids
// relative to `root`. A folder that cannot be listed and a dangling symlink are added too, so that
// reading them gives a Reject instead of losing their pages without a word.
void ListFolder(const fs::path& root, const fs::path& dir, std::vector<InputFile>* found) {
  std::error_code ec;
  auto add = [&](const fs::path& p) {
    const std::string id = fs::relative(p, root, ec).generic_string();
    found->push_back({p.string(), id == "." ? p.string() : id});
  };
  fs::directory_iterator it(dir, ec);
  if (ec) {
    add(dir);
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      add(dir);
      return;
    }
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      ListFolder(root, p, found);
      continue;
    }
    const bool dangling = it->is_symlink(ec) && !fs::exists(it->status(ec));
    if (!dangling && !it->is_regular_file(ec)) continue;  // FIFOs, sockets, devices, symlinked folders
    // Annotation files beside pages are not pages.
    if (name.ends_with(".json") && !name.ends_with(".jsonl")) continue;
    add(p);
  }
}

}  // namespace

std::vector<InputFile> ListInputs(const std::vector<std::string>& inputs) {
  std::vector<InputFile> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<InputFile> found;
      ListFolder(input, input, &found);
      std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.id < b.id; });
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back({input, input == "-" ? "-" : fs::path(input).filename().string()});
    }
  }
  return files;
}

std::vector<InputFile> ShardOf(const std::vector<InputFile>& files, uint32_t index, uint32_t count) {
  std::vector<InputFile> shard;
  if (count == 0) return shard;
  for (size_t i = index; i < files.size(); i += count) shard.push_back(files[i]);
  return shard;
}

std::unique_ptr<Reader> OpenFiles(std::vector<InputFile> files, const ReaderOptions& options) {
  return std::make_unique<MultiReader>(std::move(files), options);
}

std::unique_ptr<Reader> OpenInputs(const std::vector<std::string>& inputs, const ReaderOptions& options) {
  return OpenFiles(ListInputs(inputs), options);
}

}  // namespace newsclip
