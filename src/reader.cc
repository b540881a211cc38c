// Readers. Text pages are read whole (up to max_page_bytes: a larger file is rejected after
// reading only that much). JSONL is read line by line from a fixed-size buffer, so a 100 MB line
// costs max_page_bytes of memory at most, and parsed with simdjson's On-Demand API.
#include "newsclip/reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "newsclip/dates.h"

namespace newsclip {

namespace fs = std::filesystem;

InputFormat FormatOf(const std::string& path, InputFormat requested) {
  if (requested != InputFormat::kAuto) return requested;
  const std::string name = fs::path(path).filename().string();
  return name.find(".jsonl") != std::string::npos ? InputFormat::kJsonl : InputFormat::kText;
}

namespace {

// Reads one whole stream as one page.
class TextReader : public Reader {
 public:
  TextReader(std::unique_ptr<std::istream> in, std::string name, std::string id, const ReaderOptions& options)
      : in_(std::move(in)), name_(std::move(name)), id_(std::move(id)), options_(options) {}

  ReadStatus Next(Page* page, Reject* reject) override {
    if (done_) return ReadStatus::kEnd;
    done_ = true;
    Origin origin{name_, 1, 0, 0};
    std::string text;
    const uint64_t cap = options_.max_page_bytes;
    char buf[1 << 16];
    while (*in_) {
      in_->read(buf, sizeof(buf));
      std::streamsize got = in_->gcount();
      if (got <= 0) break;
      bytes_ += static_cast<uint64_t>(got);
      if (text.size() + static_cast<uint64_t>(got) > cap) {
        // Count the rest without keeping it.
        while (in_->read(buf, sizeof(buf)) || in_->gcount() > 0) bytes_ += static_cast<uint64_t>(in_->gcount());
        *reject = {id_, origin, "too-large: page over --max-page-bytes (" + std::to_string(cap) + ")"};
        return ReadStatus::kReject;
      }
      text.append(buf, static_cast<size_t>(got));
    }
    if (in_->bad()) {
      *reject = {id_, origin, "unreadable: read error"};
      return ReadStatus::kReject;
    }
    *page = Page{};
    page->id = id_;
    page->text = std::move(text);
    page->crawl_date = options_.crawl_date;
    page->origin = origin;
    return ReadStatus::kPage;
  }

  uint64_t bytes_read() const override { return bytes_; }

 private:
  std::unique_ptr<std::istream> in_;
  std::string name_, id_;
  const ReaderOptions& options_;
  bool done_ = false;
  uint64_t bytes_ = 0;
};

// One page per line; fields by name. Lines over max_page_bytes are skipped without being held.
class JsonlReader : public Reader {
 public:
  JsonlReader(std::unique_ptr<std::istream> in, std::string name, const ReaderOptions& options)
      : in_(std::move(in)), name_(std::move(name)), options_(options) {}

  ReadStatus Next(Page* page, Reject* reject) override {
    for (;;) {
      bool too_long = false;
      uint64_t offset = bytes_;
      if (!ReadLine(&too_long)) return ReadStatus::kEnd;
      ++line_no_;
      Origin origin{name_, line_no_, line_no_, offset};
      const std::string fallback_id = name_ + ":" + std::to_string(line_no_);
      if (too_long) {
        *reject = {fallback_id, origin, "too-large: line over --max-page-bytes (" + std::to_string(options_.max_page_bytes) + ")"};
        return ReadStatus::kReject;
      }
      std::string_view trimmed = line_;
      while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.remove_suffix(1);
      if (trimmed.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
      std::string error;
      if (Parse(trimmed, origin, page, &error)) return ReadStatus::kPage;
      *reject = {page->id.empty() ? fallback_id : page->id, origin, error};
      return ReadStatus::kReject;
    }
  }

  uint64_t bytes_read() const override { return bytes_; }

 private:
  // Reads the next line into line_ (without '\n'); false at the end of input.
  bool ReadLine(bool* too_long) {
    line_.clear();
    bool any = false;
    for (;;) {
      if (pos_ == end_) {
        if (!*in_) return any;
        in_->read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        end_ = static_cast<size_t>(in_->gcount());
        pos_ = 0;
        if (end_ == 0) return any;
      }
      any = true;
      const char* start = buf_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      size_t take = nl ? static_cast<size_t>(nl - start) : end_ - pos_;
      if (!*too_long) {
        if (line_.size() + take > options_.max_page_bytes) {
          *too_long = true;
          line_.clear();
          line_.shrink_to_fit();
        } else {
          line_.append(start, take);
        }
      }
      pos_ += take;
      bytes_ += take;
      if (nl) {
        ++pos_;
        ++bytes_;
        return true;
      }
    }
  }

  bool Parse(std::string_view json, const Origin& origin, Page* page, std::string* error) {
    *page = Page{};
    page->origin = origin;
    simdjson::padded_string padded(json);
    simdjson::ondemand::document doc;
    if (auto err = parser_.iterate(padded).get(doc)) {
      *error = std::string("invalid-json: ") + simdjson::error_message(err);
      return false;
    }
    simdjson::ondemand::object obj;
    if (auto err = doc.get_object().get(obj)) {
      *error = "invalid-json: the line is not a JSON object";
      return false;
    }
    bool have_text = false;
    for (auto field : obj) {
      std::string_view key;
      if (field.unescaped_key().get(key)) {
        *error = "invalid-json: bad key";
        return false;
      }
      simdjson::ondemand::value value;
      if (field.value().get(value)) {
        *error = "invalid-json: bad value";
        return false;
      }
      simdjson::ondemand::json_type type;
      if (value.type().get(type)) {
        *error = "invalid-json: bad value";
        return false;
      }
      std::string_view s;
      if (key == options_.text_field) {
        if (type != simdjson::ondemand::json_type::string || value.get_string().get(s)) {
          *error = "bad-field: '" + options_.text_field + "' is not a string";
          return false;
        }
        page->text.assign(s);
        have_text = true;
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
        if (type == simdjson::ondemand::json_type::string && !value.get_string().get(s)) page->crawl_date = ParseIsoDate(s);
      }
    }
    if (page->id.empty()) page->id = name_ + ":" + std::to_string(origin.line);
    if (!have_text) {
      *error = "bad-field: no '" + options_.text_field + "' field";
      return false;
    }
    if (!page->crawl_date) page->crawl_date = options_.crawl_date;
    return true;
  }

  std::unique_ptr<std::istream> in_;
  std::string name_;
  const ReaderOptions& options_;
  std::vector<char> buf_ = std::vector<char>(1 << 20);
  size_t pos_ = 0, end_ = 0;
  std::string line_;
  uint64_t line_no_ = 0;
  uint64_t bytes_ = 0;
  simdjson::ondemand::parser parser_;
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

struct Source {
  std::string path;  // "-" for stdin
  std::string id;    // page id for text pages
};

// Chains the readers of all inputs, opening each lazily.
class MultiReader : public Reader {
 public:
  MultiReader(std::vector<Source> sources, const ReaderOptions& options)
      : sources_(std::move(sources)), options_(options) {}

  ReadStatus Next(Page* page, Reject* reject) override {
    for (;;) {
      if (!current_) {
        if (next_ >= sources_.size()) return ReadStatus::kEnd;
        current_ = Open(sources_[next_++]);
      }
      ReadStatus status = current_->Next(page, reject);
      if (status != ReadStatus::kEnd) return status;
      done_bytes_ += current_->bytes_read();
      current_.reset();
    }
  }

  uint64_t bytes_read() const override { return done_bytes_ + (current_ ? current_->bytes_read() : 0); }

 private:
  std::unique_ptr<Reader> Open(const Source& src) {
    std::unique_ptr<std::istream> in;
    InputFormat format = FormatOf(src.path, options_.format);
    if (src.path == "-") {
      in = std::make_unique<std::istream>(std::cin.rdbuf());
    } else {
      std::error_code ec;
      if (fs::is_directory(src.path, ec)) {
        return std::make_unique<RejectReader>(Reject{src.id, {src.path, 0, 0, 0}, "unreadable: is a directory"});
      }
      auto file = std::make_unique<std::ifstream>(src.path, std::ios::binary);
      if (!*file) {
        return std::make_unique<RejectReader>(
            Reject{src.id, {src.path, 0, 0, 0}, "unreadable: " + std::string(std::strerror(errno))});
      }
      in = std::move(file);
    }
    return OpenStream(std::move(in), src.path, src.id, format, options_);
  }

  std::vector<Source> sources_;
  const ReaderOptions& options_;
  size_t next_ = 0;
  std::unique_ptr<Reader> current_;
  uint64_t done_bytes_ = 0;
};

}  // namespace

std::unique_ptr<Reader> OpenStream(std::unique_ptr<std::istream> in, std::string name, std::string id,
                                   InputFormat format, const ReaderOptions& options) {
  if (format == InputFormat::kJsonl) return std::make_unique<JsonlReader>(std::move(in), std::move(name), options);
  return std::make_unique<TextReader>(std::move(in), std::move(name), std::move(id), options);
}

std::unique_ptr<Reader> OpenInputs(const std::vector<std::string>& inputs, const ReaderOptions& options) {
  std::vector<Source> sources;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<Source> found;
      for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        if (name.empty() || name[0] == '.') continue;
        // Annotation files beside pages are not pages.
        if (name.ends_with(".json") && !name.ends_with(".jsonl")) continue;
        found.push_back({p.string(), fs::relative(p, input, ec).generic_string()});
      }
      std::sort(found.begin(), found.end(), [](const Source& a, const Source& b) { return a.id < b.id; });
      sources.insert(sources.end(), found.begin(), found.end());
    } else {
      sources.push_back({input, input == "-" ? "-" : fs::path(input).filename().string()});
    }
  }
  return std::make_unique<MultiReader>(std::move(sources), options);
}

}  // namespace newsclip
