// Crawl-wide repeated lines: counting, merging and looking up normalised-line hashes.
//
// Counting is sort-based, not hash-map based: a shard appends one 16-byte (line, site, 1) record per
// distinct line of each page, sorts and sums the buffer when it is full, and spills it as a sorted
// run when summing did not free half of it. The runs and the shards' tables are then merged k-way
// (a heap over one buffered reader per input), so memory is the buffer of the map and a fixed
// 64 KiB per input in the reduce, whatever the crawl's size. Records are sorted by (line, site),
// so the reduce sees each line's sites one after another and counts distinct sites without a set.
#include "newsclip/crawl_table.h"

#include <unistd.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <queue>

#include "newsclip/normalize.h"
#include "newsclip/types.h"

namespace newsclip {

static_assert(std::endian::native == std::endian::little, "count and boilerplate tables are little-endian");
static_assert(sizeof(CountRecord) == 16 && sizeof(TableRecord) == 16);

namespace {

namespace fs = std::filesystem;

constexpr char kCountMagic[8] = {'N', 'C', 'C', 'O', 'U', 'N', 'T', '1'};
constexpr char kTableMagic[8] = {'N', 'C', 'T', 'A', 'B', 'L', 'E', '1'};
constexpr size_t kHeaderBytes = 16;      // magic + uint64 record count
constexpr size_t kBufferRecords = 4096;  // 64 KiB per reader and writer

bool IsCjk(UChar32 c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

// Whitespace, punctuation, symbols and control characters carry no identity of a line.
bool Dropped(int8_t type) {
  switch (type) {
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
      return true;
    default:
      return false;
  }
}

bool Less(const CountRecord& a, const CountRecord& b) {
  return a.line != b.line ? a.line < b.line : a.site < b.site;
}

uint32_t SaturatingAdd(uint32_t a, uint64_t b) {
  const uint64_t sum = a + b;
  return sum > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(sum);
}

std::string TempPath(const std::string& path) { return path + ".tmp-" + std::to_string(getpid()); }

// A file of fixed-size records under a header, written through a temporary name.
template <typename Record>
class RecordWriter {
 public:
  RecordWriter(const std::string& path, const char (&magic)[8]) : path_(path), temp_(TempPath(path)) {
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_) throw Error("cannot write '" + path_ + "'");
    out_.write(magic, 8);
    const uint64_t zero = 0;
    out_.write(reinterpret_cast<const char*>(&zero), 8);  // the count, filled in by Commit
    buffer_.reserve(kBufferRecords);
  }
  ~RecordWriter() {
    if (!committed_) {
      out_.close();
      std::error_code ec;
      fs::remove(temp_, ec);
    }
  }

  void Add(const Record& r) {
    buffer_.push_back(r);
    if (buffer_.size() == kBufferRecords) Flush();
  }

  void Commit() {
    Flush();
    out_.seekp(8);
    out_.write(reinterpret_cast<const char*>(&count_), 8);
    out_.close();
    if (out_.fail()) throw Error("cannot write '" + path_ + "'");
    std::error_code ec;
    fs::rename(temp_, path_, ec);
    if (ec) throw Error("cannot write '" + path_ + "': " + ec.message());
    committed_ = true;
  }

  uint64_t count() const { return count_; }

 private:
  void Flush() {
    out_.write(reinterpret_cast<const char*>(buffer_.data()), static_cast<std::streamsize>(buffer_.size() * sizeof(Record)));
    count_ += buffer_.size();
    buffer_.clear();
  }

  std::string path_, temp_;
  std::ofstream out_;
  std::vector<Record> buffer_;
  uint64_t count_ = 0;
  bool committed_ = false;
};

// Reads a file of fixed-size records, checking its header, its size and the records' order.
template <typename Record>
class RecordReader {
 public:
  RecordReader(const std::string& path, const char (&magic)[8], std::string_view what) : path_(path) {
    in_.open(path, std::ios::binary);
    if (!in_) throw Error("cannot read '" + path + "'");
    char head[kHeaderBytes];
    in_.read(head, kHeaderBytes);
    if (in_.gcount() != static_cast<std::streamsize>(kHeaderBytes) || std::memcmp(head, magic, 8) != 0) {
      throw Error("'" + path + "' is not " + std::string(what));
    }
    std::memcpy(&count_, head + 8, 8);
    std::error_code ec;
    const uint64_t size = fs::file_size(path, ec);
    if (ec || size < kHeaderBytes || (size - kHeaderBytes) % sizeof(Record) != 0 ||
        (size - kHeaderBytes) / sizeof(Record) != count_) {
      throw Error("'" + path + "' is truncated or damaged: " + std::to_string(count_) + " records announced, " +
                  std::to_string(ec ? 0 : size) + " bytes");
    }
  }

  // The next record, false at the end.
  bool Next(Record* r) {
    if (pos_ == buffer_.size()) {
      const uint64_t left = count_ - read_;
      if (left == 0) return false;
      buffer_.resize(std::min<uint64_t>(left, kBufferRecords));
      in_.read(reinterpret_cast<char*>(buffer_.data()), static_cast<std::streamsize>(buffer_.size() * sizeof(Record)));
      if (!in_) throw Error("cannot read '" + path_ + "' at record " + std::to_string(read_ + 1));
      read_ += buffer_.size();
      pos_ = 0;
    }
    *r = buffer_[pos_++];
    return true;
  }

  uint64_t count() const { return count_; }
  uint64_t position() const { return read_ - (buffer_.size() - pos_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::ifstream in_;
  uint64_t count_ = 0;
  uint64_t read_ = 0;
  std::vector<Record> buffer_;
  size_t pos_ = 0;
};

using CountReader = RecordReader<CountRecord>;

// One merge pass: the sorted (line, site) records of `inputs`, equal pairs summed, in order.
template <typename Emit>
void MergeSorted(const std::vector<std::string>& inputs, MergeStats* stats, Emit emit) {
  std::vector<std::unique_ptr<CountReader>> readers;
  struct Head {
    CountRecord r;
    size_t input;
  };
  auto later = [](const Head& a, const Head& b) { return Less(b.r, a.r); };
  std::priority_queue<Head, std::vector<Head>, decltype(later)> heap(later);
  std::vector<CountRecord> last(inputs.size());
  // The next record of input i, checked to follow the previous one.
  auto advance = [&](size_t i) {
    CountRecord r;
    if (!readers[i]->Next(&r)) return;
    if (readers[i]->position() > 1 && !Less(last[i], r)) {
      throw Error("'" + inputs[i] + "' is not sorted at record " + std::to_string(readers[i]->position()) +
                  " (not a count table written by newsclip count or merge?)");
    }
    last[i] = r;
    heap.push({r, i});
  };
  for (size_t i = 0; i < inputs.size(); ++i) {
    readers.push_back(std::make_unique<CountReader>(inputs[i], kCountMagic, "a newsclip count table"));
    stats->records_in += readers.back()->count();
    advance(i);
  }
  bool have = false;
  CountRecord cur;
  while (!heap.empty()) {
    Head h = heap.top();
    heap.pop();
    advance(h.input);
    if (have && cur.line == h.r.line && cur.site == h.r.site) {
      cur.pages = SaturatingAdd(cur.pages, h.r.pages);
      continue;
    }
    if (have) emit(cur);
    cur = h.r;
    have = true;
  }
  if (have) emit(cur);
}

void RemoveAll(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::remove(p, ec);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------- keys

LineKeyer::LineKeyer() {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_casefold_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU normalizer data missing: ") + u_errorName(status));
}

uint32_t LineKeyer::Normalize(std::string_view line, std::string* out) const {
  const size_t start = out->size();
  if (IsAscii(line)) {
    for (char c : line) out->push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  } else {
    icu::StringByteSink<std::string> sink(out);
    UErrorCode status = U_ZERO_ERROR;
    nfkc_casefold_->normalizeUTF8(0, line, sink, nullptr, status);
    if (U_FAILURE(status)) {
      out->resize(start);
      out->append(line);
    }
  }
  // Filter [start, end) in place: what is kept is never longer than what it replaces.
  auto* p = reinterpret_cast<uint8_t*>(out->data());
  const int32_t n = static_cast<int32_t>(out->size());
  int32_t i = static_cast<int32_t>(start);
  size_t w = start;
  uint32_t weight = 0;
  while (i < n) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    const int8_t type = u_charType(c);
    if (type == U_DECIMAL_DIGIT_NUMBER) {
      p[w++] = '0';
      ++weight;
    } else if (!Dropped(type)) {
      std::memmove(p + w, p + begin, static_cast<size_t>(i - begin));
      w += static_cast<size_t>(i - begin);
      weight += IsCjk(c) ? 2 : 1;
    }
  }
  out->resize(w);
  return weight;
}

std::optional<uint64_t> LineKeyer::Key(std::string_view line, std::string* scratch) const {
  scratch->clear();
  if (Normalize(line, scratch) < kMinWeight) return std::nullopt;
  return XXH3_64bits(scratch->data(), scratch->size());
}

std::vector<uint64_t> LineKeyer::PageKeys(std::string_view text) const {
  std::vector<uint64_t> keys;
  std::string scratch;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    if (auto key = Key(text.substr(pos, nl - pos), &scratch)) keys.push_back(*key);
    pos = nl + 1;
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::string HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  std::string_view rest = scheme != std::string_view::npos ? url.substr(scheme + 3)
                          : url.starts_with("//")          ? url.substr(2)
                                                           : std::string_view();  // a path, no host
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.starts_with('[') ? rest.find(']') + 1 : rest.find(':'));  // the port; IPv6 literal
  std::string host;
  for (char c : rest) {
    if (c == ' ' || c == '\t') return "";  // not a URL
    host.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

uint32_t SiteKey(const std::optional<std::string>& url) {
  const std::string host = url ? HostOf(*url) : std::string();
  return static_cast<uint32_t>(XXH3_64bits(host.data(), host.size()));
}

// --------------------------------------------------------------------------------------- map

LineCounter::LineCounter(CounterOptions options)
    : options_(std::move(options)),
      capacity_(std::max<size_t>(1024, options_.memory_bytes / sizeof(CountRecord))) {}

LineCounter::~LineCounter() { RemoveAll(runs_); }

void LineCounter::AddPage(const std::vector<uint64_t>& keys, uint32_t site) {
  ++pages_;
  for (uint64_t key : keys) {
    if (records_.size() == records_.capacity()) {  // grow, but never past the budget
      records_.reserve(std::min(capacity_, std::max<size_t>(4096, records_.capacity() * 2)));
    }
    records_.push_back({key, site, 1});
    if (records_.size() == capacity_) {
      Compact();
      if (records_.size() > capacity_ / 2) Spill();
    }
  }
}

void LineCounter::Compact() {
  std::sort(records_.begin(), records_.end(), Less);
  size_t w = 0;
  for (size_t i = 0; i < records_.size(); ++i) {
    if (w > 0 && records_[w - 1].line == records_[i].line && records_[w - 1].site == records_[i].site) {
      records_[w - 1].pages = SaturatingAdd(records_[w - 1].pages, records_[i].pages);
    } else {
      records_[w++] = records_[i];
    }
  }
  records_.resize(w);
}

void LineCounter::Spill() {
  const std::string dir = options_.temp_dir.empty() ? fs::temp_directory_path().string() : options_.temp_dir;
  const std::string path = (fs::path(dir) / ("newsclip-run-" + std::to_string(getpid()) + "-" +
                                             std::to_string(reinterpret_cast<uintptr_t>(this)) + "-" +
                                             std::to_string(runs_.size()) + ".bin"))
                               .string();
  RecordWriter<CountRecord> out(path, kCountMagic);
  for (const CountRecord& r : records_) out.Add(r);
  out.Commit();
  runs_.push_back(path);
  records_.clear();
}

void LineCounter::Finish(const std::string& path) {
  Compact();
  if (runs_.empty()) {
    RecordWriter<CountRecord> out(path, kCountMagic);
    for (const CountRecord& r : records_) out.Add(r);
    out.Commit();
  } else {
    if (!records_.empty()) Spill();
    MergeOptions options;
    options.counts_only = true;
    options.temp_dir = options_.temp_dir;
    MergeCounts(runs_, path, options);
    RemoveAll(runs_);
    runs_.clear();
  }
  records_ = {};
}

// ------------------------------------------------------------------------------------ reduce

MergeStats MergeCounts(const std::vector<std::string>& inputs, const std::string& output,
                       const MergeOptions& options) {
  MergeStats stats;
  stats.inputs = inputs.size();
  const uint32_t fan_in = std::max<uint32_t>(2, options.fan_in);
  const std::string dir = options.temp_dir.empty() ? fs::path(output).parent_path().string() : options.temp_dir;
  // Passes of counts-only merges until at most fan_in inputs are left.
  std::vector<std::string> level = inputs;
  std::vector<std::string> temps;
  struct Cleanup {
    std::vector<std::string>* temps;
    ~Cleanup() { RemoveAll(*temps); }
  } cleanup{&temps};
  while (level.size() > fan_in) {
    std::vector<std::string> next;
    for (size_t i = 0; i < level.size(); i += fan_in) {
      std::vector<std::string> group(level.begin() + static_cast<ptrdiff_t>(i),
                                     level.begin() + static_cast<ptrdiff_t>(std::min(level.size(), i + fan_in)));
      const std::string temp = (fs::path(dir.empty() ? "." : dir) /
                                (".newsclip-merge-" + std::to_string(getpid()) + "-" + std::to_string(stats.passes) +
                                 "-" + std::to_string(next.size()) + ".bin"))
                                   .string();
      RecordWriter<CountRecord> out(temp, kCountMagic);
      MergeStats pass;
      MergeSorted(group, &pass, [&](const CountRecord& r) { out.Add(r); });
      out.Commit();
      temps.push_back(temp);
      next.push_back(temp);
      if (stats.passes == 0) stats.records_in += pass.records_in;
    }
    level = std::move(next);
    ++stats.passes;
  }
  const bool first_pass = stats.passes == 0;
  ++stats.passes;
  MergeStats last;
  if (options.counts_only) {
    RecordWriter<CountRecord> out(output, kCountMagic);
    uint64_t prev_line = 0;
    MergeSorted(level, &last, [&](const CountRecord& r) {
      if (stats.lines == 0 || r.line != prev_line) ++stats.lines;
      prev_line = r.line;
      out.Add(r);
    });
    out.Commit();
    stats.kept = out.count();
  } else {
    RecordWriter<TableRecord> out(output, kTableMagic);
    TableRecord cur;
    uint64_t pages = 0;
    auto close = [&] {
      if (stats.lines == 0) return;
      if (pages >= options.min_pages && cur.sites >= options.min_sites &&
          static_cast<double>(pages) >= options.min_pages_per_site * cur.sites) {
        cur.pages = static_cast<uint32_t>(std::min<uint64_t>(pages, UINT32_MAX));
        out.Add(cur);
      }
    };
    MergeSorted(level, &last, [&](const CountRecord& r) {
      if (stats.lines == 0 || r.line != cur.line) {
        close();
        ++stats.lines;
        cur = {r.line, 0, 0};
        pages = 0;
      }
      pages += r.pages;
      ++cur.sites;  // records are distinct (line, site) pairs
    });
    close();
    out.Commit();
    stats.kept = out.count();
  }
  if (first_pass) stats.records_in = last.records_in;
  return stats;
}

std::string CountFileName(uint32_t index, uint32_t count) {
  return "counts-" + std::to_string(index) + "-of-" + std::to_string(count) + ".bin";
}

std::string CountDoneName(uint32_t index, uint32_t count) {
  return "counts-" + std::to_string(index) + "-of-" + std::to_string(count) + ".done";
}

std::vector<std::string> CountFilesIn(const std::string& dir) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) throw Error("cannot read folder '" + dir + "': " + ec.message());
  std::map<uint32_t, std::vector<uint32_t>> by_count;  // N -> the I present
  for (const fs::directory_entry& e : it) {
    unsigned index = 0, count = 0;
    char tail = 0;
    const std::string name = e.path().filename().string();
    if (std::sscanf(name.c_str(), "counts-%u-of-%u.bi%c", &index, &count, &tail) == 3 && tail == 'n' &&
        name == CountFileName(index, count)) {
      by_count[count].push_back(index);
    }
  }
  if (by_count.empty()) throw Error("'" + dir + "' holds no count table (counts-I-of-N.bin)");
  if (by_count.size() > 1) {
    throw Error("'" + dir + "' mixes count tables of " + std::to_string(by_count.begin()->first) + " and " +
                std::to_string(std::next(by_count.begin())->first) + " shards");
  }
  auto& [count, present] = *by_count.begin();
  std::sort(present.begin(), present.end());
  std::vector<std::string> files;
  for (uint32_t i = 0; i < count; ++i) {
    if (!std::binary_search(present.begin(), present.end(), i)) {
      throw Error("'" + dir + "' has " + std::to_string(present.size()) + " of " + std::to_string(count) +
                  " count tables: " + CountFileName(i, count) + " is missing (did that shard fail?)");
    }
    files.push_back((fs::path(dir) / CountFileName(i, count)).string());
  }
  return files;
}

// ------------------------------------------------------------------------------------- apply

BoilerplateTable::BoilerplateTable(std::vector<TableRecord> records) : records_(std::move(records)) {}

BoilerplateTable BoilerplateTable::Load(const std::string& path) {
  RecordReader<TableRecord> in(path, kTableMagic, "a newsclip boilerplate table (made by newsclip merge)");
  std::vector<TableRecord> records;
  records.reserve(in.count());
  TableRecord r;
  while (in.Next(&r)) {
    if (!records.empty() && records.back().line >= r.line) {
      throw Error("'" + path + "' is not sorted at record " + std::to_string(records.size() + 1));
    }
    records.push_back(r);
  }
  return BoilerplateTable(std::move(records));
}

const TableRecord* BoilerplateTable::Find(uint64_t key) const {
  auto it = std::lower_bound(records_.begin(), records_.end(), key,
                             [](const TableRecord& r, uint64_t k) { return r.line < k; });
  return it != records_.end() && it->line == key ? &*it : nullptr;
}

bool BoilerplateTable::Contains(std::string_view line, std::string* scratch) const {
  if (records_.empty()) return false;
  std::optional<uint64_t> key = keyer_.Key(line, scratch);
  return key && Find(*key) != nullptr;
}

}  // namespace newsclip
