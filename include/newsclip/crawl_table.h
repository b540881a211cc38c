// newsclip/crawl_table.h: crawl-wide repeated lines, learnt in a map-reduce pass (CCNet's idea). A
// site footer or a follow prompt that no rule names still shows itself by repeating on many pages
// of a crawl; a quote or a republished story repeats on a few pages of a few sites, once per site.
//
//   map     LineCounter: the lines of one shard's pages -> a count table: for each (line key, site
//           key) pair, on how many pages the line appears (each page counts once per line).
//   reduce  MergeCounts: count tables -> one boilerplate table of the line keys that appear on at
//           least min_pages pages and min_sites sites, at least min_pages_per_site pages per site.
//   apply   BoilerplateTable: LineOptions::repeated_lines (lines.h) marks those lines, and the
//           boilerplate stage removes them with rule "repeated-line".
//
//   newsclip::LineKeyer keyer;
//   newsclip::LineCounter counter({.memory_bytes = 256 << 20, .temp_dir = "/tmp"});
//   counter.AddPage(keyer.PageKeys(page.text), newsclip::SiteKey(page.url));
//   counter.Finish("counts-0-of-1.bin");                         // throws newsclip::Error
//   newsclip::MergeCounts({"counts-0-of-1.bin"}, "table.bin", {});
//   newsclip::BoilerplateTable table = newsclip::BoilerplateTable::Load("table.bin");
//
// A line key is the XXH3 64-bit hash of the line's normalised text (LineKeyer::Normalize), so two
// lines that differ only in width, case, digits, spaces or punctuation count as one. Files are
// little-endian: an 8-byte magic, a uint64 record count, then fixed-size records sorted by key.
#ifndef NEWSCLIP_CRAWL_TABLE_H_
#define NEWSCLIP_CRAWL_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace newsclip {

class LineKeyer {
 public:
  // Normalised lines lighter than this are not counted: a CJK character weighs 2, any other
  // kept character 1 ("readmore" weighs 8, "点击上方蓝字关注我们" 20). Short lines are menu items and
  // sub-headings, which say too little to be told apart.
  static constexpr uint32_t kMinWeight = 10;

  LineKeyer();  // throws Error when ICU's normalisation data is missing

  // Appends to *out the normalised text of `line`: NFKC with case folding (full-width forms,
  // ideographic space, ligatures fold), every decimal digit as '0', and no whitespace,
  // punctuation, symbols or control characters. Returns its weight (see kMinWeight).
  uint32_t Normalize(std::string_view line, std::string* out) const;

  // The key of one line (trimmed or not), or nullopt when the line is lighter than kMinWeight.
  // *scratch is reused between calls.
  std::optional<uint64_t> Key(std::string_view line, std::string* scratch) const;

  // The distinct keys of a page's lines (split on '\n'), sorted.
  std::vector<uint64_t> PageKeys(std::string_view text) const;

 private:
  const icu::Normalizer2* nfkc_casefold_;
};

// The host of a URL, lower-cased, without "www.", a port or credentials: the site a page belongs
// to ("https://WWW.Example.com:8080/a" -> "example.com"). "" when `url` has no host (no "scheme://"
// or "//" before it).
std::string HostOf(std::string_view url);

// The site key of a page: a 32-bit hash of HostOf(url). Pages without a URL (or host) share the
// key of the empty host, so they count as one site.
uint32_t SiteKey(const std::optional<std::string>& url);

// One record of a count table: the line appears on `pages` pages of the site. 16 bytes.
struct CountRecord {
  uint64_t line = 0;
  uint32_t site = 0;
  uint32_t pages = 0;
};

// One record of a boilerplate table. 16 bytes.
struct TableRecord {
  uint64_t line = 0;
  uint32_t pages = 0;
  uint32_t sites = 0;
};

struct CounterOptions {
  uint64_t memory_bytes = 512ull << 20;  // records held before a sorted run is spilled (512 MiB)
  std::string temp_dir;                  // where runs are spilled (default: beside the output)
};

// The map side. Not thread-safe: call AddPage from one thread (PageKeys, the costly part, is
// const and may run on many).
class LineCounter {
 public:
  explicit LineCounter(CounterOptions options = {});
  ~LineCounter();  // removes spilled runs that Finish did not consume

  // Counts one page: `keys` from LineKeyer::PageKeys, `site` from SiteKey.
  void AddPage(const std::vector<uint64_t>& keys, uint32_t site);

  // Writes the count table to `path` (through a temporary name, renamed when complete). Throws
  // Error when a file cannot be written.
  void Finish(const std::string& path);

  uint64_t pages() const { return pages_; }
  uint64_t runs_spilled() const { return runs_.size(); }

 private:
  void Compact();
  void Spill();

  CounterOptions options_;
  std::vector<CountRecord> records_;
  size_t capacity_;
  std::vector<std::string> runs_;
  uint64_t pages_ = 0;
};

struct MergeOptions {
  uint32_t min_pages = 10;           // a line must appear on at least this many pages (10)
  uint32_t min_sites = 1;            // ... of at least this many sites (1: a site's own footer counts)
  double min_pages_per_site = 2.0;   // ... and on this many pages per site on average (2): a story
                                     // syndicated across sites appears about once per site
  uint32_t fan_in = 64;              // inputs merged at once; more take several passes (64)
  std::string temp_dir;              // for the intermediate passes (default: beside the output)
  bool counts_only = false;          // write the merged count table instead (a partial reduce)
};

struct MergeStats {
  uint64_t inputs = 0;
  uint64_t records_in = 0;  // count records read
  uint64_t lines = 0;       // distinct line keys seen
  uint64_t kept = 0;        // records written
  uint32_t passes = 0;
};

// The reduce side: merges count tables (k-way, streaming: memory is a fixed buffer per input,
// whatever their size) into `output`, written through a temporary name. Throws Error on an
// unreadable, truncated or unsorted input (naming it) and when `output` cannot be written.
MergeStats MergeCounts(const std::vector<std::string>& inputs, const std::string& output,
                       const MergeOptions& options);

// The count tables of a count output folder: DIR/counts-I-of-N.bin for I = 0..N-1. Throws Error
// when the folder holds none, mixes several N or misses a shard (naming the first missing one).
std::vector<std::string> CountFilesIn(const std::string& dir);

// The file names a count shard writes in its output folder.
std::string CountFileName(uint32_t index, uint32_t count);  // "counts-I-of-N.bin"
std::string CountDoneName(uint32_t index, uint32_t count);  // "counts-I-of-N.done"

// The lines to remove, loaded from a boilerplate table. Thread-safe: Contains is const.
class BoilerplateTable {
 public:
  BoilerplateTable() = default;
  explicit BoilerplateTable(std::vector<TableRecord> records);  // sorted by line

  // Throws Error when `path` cannot be read or is not a boilerplate table.
  static BoilerplateTable Load(const std::string& path);

  // True when the key of `line` is in the table. *scratch is reused between calls.
  bool Contains(std::string_view line, std::string* scratch) const;
  // The record of `key`, or nullptr.
  const TableRecord* Find(uint64_t key) const;

  size_t size() const { return records_.size(); }
  const std::vector<TableRecord>& records() const { return records_; }

 private:
  LineKeyer keyer_;
  std::vector<TableRecord> records_;
};

}  // namespace newsclip

#endif  // NEWSCLIP_CRAWL_TABLE_H_
