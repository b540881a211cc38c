// Tests of the WARC/WET reader and of compressed inputs (reader.h): WET "conversion" records are
// pages with the record id, target URI and date; other record types are skipped and counted;
// Content-Length is honoured (a block may hold "WARC/1.0" lines and blank lines); a last record
// without its trailing newlines is read; a broken header or a Content-Length that does not end
// the record is a Reject with record number and byte offset, and reading resynchronises; every
// format reads the same through gzip (one member per record) and zstd; a truncated compressed
// input ends with a Reject naming the file, and the next input is read.
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "newsclip/reader.h"

namespace newsclip {
namespace {

namespace fs = std::filesystem;

std::string Gzip(const std::string& data) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

struct Fields {
  std::string type = "conversion";
  std::string id;
  std::string uri;
  std::string date;
  std::string content;
  std::string eol = "\r\n";
  std::string version = "WARC/1.0";
  std::string length;  // "" = the content's size; "-" = no Content-Length header
  std::string trailer = "\r\n\r\n";
  std::string content_type = "text/plain";
};

std::string Record(const Fields& f) {
  const std::string& e = f.eol;
  std::string r = f.version + e + "WARC-Type: " + f.type + e;
  if (!f.uri.empty()) r += "WARC-Target-URI: " + f.uri + e;
  if (!f.date.empty()) r += "WARC-Date: " + f.date + e;
  if (!f.id.empty()) r += "WARC-Record-ID: <" + f.id + ">" + e;
  r += "Content-Type: " + f.content_type + e;
  if (f.length != "-") r += "Content-Length: " + (f.length.empty() ? std::to_string(f.content.size()) : f.length) + e;
  return r + e + f.content + f.trailer;
}

Fields Page(int n, std::string content) {
  Fields f;
  f.id = "urn:uuid:0000-" + std::to_string(n);
  f.uri = "https://example.com/" + std::to_string(n);
  f.date = "2024-05-0" + std::to_string(n % 9 + 1) + "T12:34:56Z";
  f.content = std::move(content);
  return f;
}

std::string Warcinfo() {
  Fields f;
  f.type = "warcinfo";
  f.id = "urn:uuid:info";
  f.date = "2024-05-01T00:00:00Z";
  f.content = "software: test\r\nformat: WARC File Format 1.0\r\n";
  return Record(f);
}

struct Item {
  ReadStatus status;
  newsclip::Page page;
  Reject reject;
};

std::vector<Item> ReadAll(Reader* reader) {
  std::vector<Item> items;
  for (int guard = 0; guard < 100000; ++guard) {
    Item item;
    item.status = reader->Next(&item.page, &item.reject);
    if (item.status == ReadStatus::kEnd) return items;
    items.push_back(std::move(item));
  }
  ADD_FAILURE() << "reader never ends";
  return items;
}

// "page ID" or "reject KIND record=N byte=B".
std::string Summary(const Item& item) {
  if (item.status == ReadStatus::kPage) return "page " + item.page.id;
  return "reject " + item.reject.reason.substr(0, item.reject.reason.find(':')) +
         " record=" + std::to_string(item.reject.origin.record) + " byte=" + std::to_string(item.reject.origin.byte_offset);
}

std::vector<std::string> Summaries(const std::vector<Item>& items) {
  std::vector<std::string> out;
  for (const Item& item : items) out.push_back(Summary(item));
  return out;
}

std::unique_ptr<Reader> Open(const std::string& data, const ReaderOptions& options,
                             InputFormat format = InputFormat::kWarc, const std::string& name = "mem.warc") {
  return OpenStream(std::make_unique<std::istringstream>(data), name, "mem-page", format, options);
}

TEST(WarcTest, FormatByName) {
  const struct {
    const char* path;
    InputFormat want;
  } kCases[] = {
      {"a.warc", InputFormat::kWarc},
      {"dir/CC-MAIN-20240501-00000.warc.gz", InputFormat::kWarc},
      {"CC-MAIN-20240501-00000.warc.wet.gz", InputFormat::kWarc},
      {"x.wet", InputFormat::kWarc},
      {"x.wet.zst", InputFormat::kWarc},
      {"x.warc.zstd", InputFormat::kWarc},
      {"dump.jsonl", InputFormat::kJsonl},
      {"dump.jsonl.gz", InputFormat::kJsonl},
      {"dump.jsonl.zst", InputFormat::kJsonl},
      {"page.txt", InputFormat::kText},
      {"page.txt.gz", InputFormat::kText},
      {"warc-notes.txt", InputFormat::kText},
      {"-", InputFormat::kText},
  };
  for (const auto& c : kCases) EXPECT_EQ(FormatOf(c.path, InputFormat::kAuto), c.want) << c.path;
  EXPECT_EQ(FormatOf("a.warc.gz", InputFormat::kText), InputFormat::kText);
}

TEST(WarcTest, WetConversionRecordsArePages) {
  // The first block holds what looks like a record boundary: only Content-Length tells.
  const std::string text1 = "Council approves budget\r\n\r\nWARC/1.0\r\nWARC-Type: conversion\r\n\r\nBody.\n";
  const std::string text2 = "全市新增绿道一百公里\n作者：张三\n";
  Fields response = Page(9, "HTTP/1.1 200 OK\r\n\r\n<html></html>");
  response.type = "response";
  Fields metadata = Page(8, "fetchTimeMs: 12\r\n");
  metadata.type = "metadata";
  const std::string info = Warcinfo(), r1 = Record(Page(1, text1)), r2 = Record(response), r3 = Record(metadata),
                    r4 = Record(Page(2, text2));
  ReaderOptions options;
  auto reader = Open(info + r1 + r2 + r3 + r4, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(Summaries(items), (std::vector<std::string>{"page urn:uuid:0000-1", "page urn:uuid:0000-2"}));
  const newsclip::Page& p1 = items[0].page;
  EXPECT_EQ(p1.text, text1);
  EXPECT_EQ(p1.url, "https://example.com/1");
  EXPECT_EQ(p1.crawl_date, (Date{2024, 5, 2}));  // WARC-Date, to the day
  EXPECT_EQ(p1.origin.file, "mem.warc");
  EXPECT_EQ(p1.origin.record, 2u);
  EXPECT_EQ(p1.origin.byte_offset, info.size());
  const newsclip::Page& p2 = items[1].page;
  EXPECT_EQ(p2.text, text2);
  EXPECT_EQ(p2.origin.record, 5u);
  EXPECT_EQ(p2.origin.byte_offset, info.size() + r1.size() + r2.size() + r3.size());
  EXPECT_EQ(reader->records_skipped(),
            (std::map<std::string, uint64_t>{{"metadata", 1}, {"response", 1}, {"warcinfo", 1}}));
  EXPECT_EQ(reader->bytes_read(), (info + r1 + r2 + r3 + r4).size());
}

TEST(WarcTest, HeaderVariants) {
  Fields lf = Page(1, "LF only\n");
  lf.eol = "\n";
  lf.trailer = "\n\n";
  lf.version = "WARC/1.1";
  Fields bare = Page(2, "no brackets\n");
  const std::string odd_case =
      "WARC/1.1\r\nwarc-type: conversion\r\nWARC-RECORD-ID: <urn:uuid:odd>\r\ncontent-length:   6  \r\n"
      "WARC-Target-URI: <https://example.com/bracketed>\r\nX-Folded: a\r\n  continued\r\n\r\nabcdef\r\n\r\n";
  Fields no_date = Page(3, "x");
  no_date.date = "";
  ReaderOptions options;
  options.crawl_date = Date{2020, 1, 1};
  auto reader = Open(Record(lf) + Record(bare) + odd_case + Record(no_date), options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(Summaries(items), (std::vector<std::string>{"page urn:uuid:0000-1", "page urn:uuid:0000-2",
                                                        "page urn:uuid:odd", "page urn:uuid:0000-3"}));
  EXPECT_EQ(items[0].page.text, "LF only\n");
  EXPECT_EQ(items[2].page.text, "abcdef");
  EXPECT_EQ(items[2].page.url, "https://example.com/bracketed");
  EXPECT_EQ(items[2].page.crawl_date, (Date{2020, 1, 1}));  // no WARC-Date: the option's date
  EXPECT_EQ(items[3].page.crawl_date, (Date{2020, 1, 1}));
}

TEST(WarcTest, LastRecordWithoutTrailingNewline) {
  for (const std::string trailer : {"", "\r\n", "\n"}) {
    SCOPED_TRACE("trailer size " + std::to_string(trailer.size()));
    Fields last = Page(2, "the end, no newline");
    last.trailer = trailer;
    ReaderOptions options;
    auto reader = Open(Warcinfo() + Record(Page(1, "first\n")) + Record(last), options);
    std::vector<Item> items = ReadAll(reader.get());
    ASSERT_EQ(Summaries(items), (std::vector<std::string>{"page urn:uuid:0000-1", "page urn:uuid:0000-2"}));
    EXPECT_EQ(items[1].page.text, "the end, no newline");
  }
}

TEST(WarcTest, BrokenRecordsAreRejectedAndReadingResynchronises) {
  const struct {
    const char* name;
    std::string length;  // the broken record's Content-Length
    const char* reason;  // start of the reject reason
  } kCases[] = {
      {"missing", "-", "bad-warc: no Content-Length"},
      {"negative", "-5", "bad-warc: Content-Length '-5' is not a byte count"},
      {"not a number", "twelve", "bad-warc: Content-Length 'twelve' is not a byte count"},
      {"huge", "99999999999999999999", "bad-warc: Content-Length 99999999999999999999 is beyond any record"},
      {"over 1 TiB", "9999999999999", "bad-warc: Content-Length 9999999999999 is beyond any record"},
      {"too short", "3", "bad-warc: Content-Length 3 does not end the record"},
      {"empty", "", nullptr},  // control: the right length
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    const std::string r1 = Record(Page(1, "first page\n"));
    Fields broken = Page(2, "second page\nWith lines.\n");
    broken.length = c.length;
    const std::string r2 = Record(broken);
    ReaderOptions options;
    auto reader = Open(r1 + r2 + Record(Page(3, "third page\n")), options);
    std::vector<Item> items = ReadAll(reader.get());
    const std::string at = "record=2 byte=" + std::to_string(r1.size());
    if (c.reason == nullptr) {
      EXPECT_EQ(Summaries(items), (std::vector<std::string>{"page urn:uuid:0000-1", "page urn:uuid:0000-2",
                                                            "page urn:uuid:0000-3"}));
      continue;
    }
    ASSERT_EQ(Summaries(items), (std::vector<std::string>{"page urn:uuid:0000-1", "reject bad-warc " + at,
                                                          "page urn:uuid:0000-3"}));
    EXPECT_TRUE(items[1].reject.reason.starts_with(c.reason)) << items[1].reject.reason;
    EXPECT_EQ(items[1].reject.id, "urn:uuid:0000-2");
    EXPECT_EQ(items[1].reject.origin.file, "mem.warc");
    EXPECT_EQ(items[2].page.text, "third page\n");
    EXPECT_EQ(items[2].page.origin.record, 3u);
  }
}

TEST(WarcTest, GarbageBetweenRecordsIsRejectedOnce) {
  const std::string r1 = Record(Page(1, "a\n"));
  const std::string junk = "this is not a record\r\nnor this\r\n";
  ReaderOptions options;
  auto reader = Open(r1 + junk + Record(Page(2, "b\n")), options);
  std::vector<Item> items = ReadAll(reader.get());
  EXPECT_EQ(Summaries(items), (std::vector<std::string>{"page urn:uuid:0000-1",
                                                        "reject bad-warc record=2 byte=" + std::to_string(r1.size()),
                                                        "page urn:uuid:0000-2"}));
}

TEST(WarcTest, RecordCutShortIsTruncated) {
  const std::string r1 = Record(Page(1, "a\n"));
  const std::string r2 = Record(Page(2, std::string(1000, 'x')));
  ReaderOptions options;
  auto reader = Open(r1 + r2.substr(0, r2.size() - 500), options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(Summaries(items), (std::vector<std::string>{"page urn:uuid:0000-1",
                                                        "reject truncated record=2 byte=" + std::to_string(r1.size())}));
  EXPECT_NE(items[1].reject.reason.find("Content-Length 1000"), std::string::npos) << items[1].reject.reason;

  // Cut inside the header.
  reader = Open(r1 + r2.substr(0, 40), options);
  EXPECT_EQ(Summaries(ReadAll(reader.get())),
            (std::vector<std::string>{"page urn:uuid:0000-1", "reject truncated record=2 byte=" + std::to_string(r1.size())}));
}

TEST(WarcTest, ContentLengthPastTheEndGivesBackTheRecordsItSwallowed) {
  const std::string r1 = Record(Page(1, "a\n"));
  for (const std::string type : {"conversion", "response"}) {
    SCOPED_TRACE(type);
    Fields liar = Page(2, "short block\n");
    liar.type = type;
    liar.length = "999999999";  // far more than the input holds
    const std::string r2 = Record(liar);
    const std::string r3 = Record(Page(3, "c\n"));
    const std::string r4 = Record(Page(4, "d\n"));
    ReaderOptions options;
    auto reader = Open(r1 + r2 + r3 + r4, options);
    std::vector<Item> items = ReadAll(reader.get());
    const size_t r3_offset = r1.size() + r2.size();
    ASSERT_EQ(Summaries(items), (std::vector<std::string>{"page urn:uuid:0000-1",
                                                          "reject bad-warc record=2 byte=" + std::to_string(r1.size()),
                                                          "page urn:uuid:0000-3", "page urn:uuid:0000-4"}));
    EXPECT_NE(items[1].reject.reason.find("at byte " + std::to_string(r3_offset)), std::string::npos)
        << items[1].reject.reason;
    EXPECT_EQ(items[2].page.origin.byte_offset, r3_offset);
    EXPECT_EQ(items[2].page.text, "c\n");
    EXPECT_EQ(reader->bytes_read(), r1.size() + r2.size() + r3.size() + r4.size());
  }
  // With nothing after it, the record is only truncated.
  Fields liar = Page(2, "short block\n");
  liar.length = "5000";
  ReaderOptions options;
  auto reader = Open(r1 + Record(liar), options);
  EXPECT_EQ(Summaries(ReadAll(reader.get())),
            (std::vector<std::string>{"page urn:uuid:0000-1", "reject truncated record=2 byte=" + std::to_string(r1.size())}));
}

TEST(WarcTest, PageOverMaxPageBytesIsSkipped) {
  ReaderOptions options;
  options.max_page_bytes = 100;
  const std::string r1 = Record(Page(1, std::string(100, 'a')));
  const std::string r2 = Record(Page(2, std::string(5000, 'b')));
  Fields big_response = Page(3, std::string(5000, 'c'));
  big_response.type = "response";  // skipped records have no size limit
  auto reader = Open(r1 + r2 + Record(big_response) + Record(Page(4, "d")), options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(Summaries(items), (std::vector<std::string>{"page urn:uuid:0000-1",
                                                        "reject too-large record=2 byte=" + std::to_string(r1.size()),
                                                        "page urn:uuid:0000-4"}));
  EXPECT_NE(items[1].reject.reason.find("5000 bytes"), std::string::npos) << items[1].reject.reason;
  EXPECT_EQ(reader->records_skipped(), (std::map<std::string, uint64_t>{{"response", 1}}));
}

Fields Response(int n, std::string http) {
  Fields f = Page(n, std::move(http));
  f.type = "response";
  f.content_type = "application/http; msgtype=response";
  return f;
}

TEST(WarcTest, HtmlResponseRecordsArePages) {
  const std::string html = "<html><head><title>T</title></head><body><p>Text</p></body></html>";
  std::string chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
  chunked += "10\r\n" + html.substr(0, 16) + "\r\n" + "5;ext=1\r\n" + html.substr(16, 5) + "\r\n";
  char size[16];
  std::snprintf(size, sizeof(size), "%zx", html.size() - 21);
  chunked += std::string(size) + "\r\n" + html.substr(21) + "\r\n0\r\n\r\n";
  const std::string records =
      Record(Response(1, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\nServer: x\r\n\r\n" + html)) +
      Record(Response(2, "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + Gzip(html))) +
      Record(Response(3, chunked)) +
      Record(Response(4, "HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\nContent-Type: text/html\r\n\r\n")) +
      Record(Response(5, "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF")) +
      Record(Response(6, "HTTP/1.0 200 OK\n\n<!DOCTYPE html><p>no headers</p>")) +  // LF only, no Content-Type
      Record(Response(7, "not http at all")) +
      // An encoding that cannot be undone (brotli): rejected, not read as a page.
      Record(Response(9, std::string("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n") +
                             std::string("\x1b\x03\x00\xf8\x25\x02\x80\x00\x01", 9))) +
      // A body kept decoded under its original Content-Encoding header (as crawlers store it).
      Record(Response(8, "HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml\r\nContent-Encoding: gzip\r\n\r\n" + html));
  ReaderOptions options;
  auto reader = Open(records, options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(Summaries(items),
            (std::vector<std::string>{"page urn:uuid:0000-1", "page urn:uuid:0000-2", "page urn:uuid:0000-3",
                                      "page urn:uuid:0000-6", "reject bad-http record=7 byte=" +
                                          std::to_string(records.find("WARC/1.0", records.find("0000-6"))),
                                      "reject bad-http record=8 byte=" +
                                          std::to_string(records.find("WARC/1.0", records.find("0000-7"))),
                                      "page urn:uuid:0000-8"}));
  EXPECT_NE(items[5].reject.reason.find("unsupported Content-Encoding 'br'"), std::string::npos) << items[5].reject.reason;
  for (size_t i : {0, 1, 2, 6}) {
    SCOPED_TRACE(i);
    EXPECT_EQ(items[i].page.format, PageFormat::kHtml);
    EXPECT_EQ(items[i].page.text, html);
    EXPECT_EQ(items[i].page.url, "https://example.com/" + items[i].page.id.substr(items[i].page.id.size() - 1));
  }
  EXPECT_EQ(items[0].page.content_type, "text/html; charset=gbk");
  EXPECT_EQ(items[0].page.crawl_date, (Date{2024, 5, 2}));
  EXPECT_EQ(items[3].page.text, "<!DOCTYPE html><p>no headers</p>");
  EXPECT_NE(items[4].reject.reason.find("HTTP status line"), std::string::npos) << items[4].reject.reason;
  EXPECT_EQ(reader->records_skipped(),
            (std::map<std::string, uint64_t>{{"response (HTTP 301)", 1}, {"response (not HTML)", 1}}));
}

TEST(WarcTest, HtmlResponseOverMaxPageBytes) {
  ReaderOptions options;
  options.max_page_bytes = 200;
  const std::string big = "<p>" + std::string(300, 'x') + "</p>";
  // Compressed small, decoded over the limit: a decompression bomb stops at the limit.
  const std::string bomb = "<p>" + std::string(100000, 'y') + "</p>";
  auto reader = Open(Record(Response(1, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + big)) +
                         Record(Response(2, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" +
                                                Gzip(bomb))) +
                         Record(Response(3, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n" + big)),
                     options);
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].status, ReadStatus::kReject);
  EXPECT_TRUE(items[0].reject.reason.starts_with("too-large:")) << items[0].reject.reason;
  EXPECT_EQ(items[1].status, ReadStatus::kReject);
  EXPECT_TRUE(items[1].reject.reason.starts_with("too-large:")) << items[1].reject.reason;
  EXPECT_EQ(reader->records_skipped(), (std::map<std::string, uint64_t>{{"response (not HTML)", 1}}));
}

TEST(WarcTest, HtmlFilesAndJsonlHtmlField) {
  ReaderOptions options;
  auto reader = Open("<p>page</p>", options, InputFormat::kAuto, "dir/page.html.gz");
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].page.format, PageFormat::kHtml);
  EXPECT_EQ(FormatOf("a/b.htm", InputFormat::kAuto), InputFormat::kHtml);
  EXPECT_EQ(FormatOf("a/b.xhtml.zst", InputFormat::kAuto), InputFormat::kHtml);
  const std::string two = "{\"id\":\"a\",\"html\":\"<p>x</p>\"}\n{\"id\":\"b\",\"text\":\"t\",\"html\":\"<p>x</p>\"}\n";
  reader = Open(two + "{\"id\":\"c\"}\n", options, InputFormat::kJsonl);
  items = ReadAll(reader.get());
  ASSERT_EQ(Summaries(items),
            (std::vector<std::string>{"page a", "page b", "reject bad-field record=3 byte=" + std::to_string(two.size())}));
  EXPECT_NE(items[2].reject.reason.find("nor 'html'"), std::string::npos) << items[2].reject.reason;
  EXPECT_EQ(items[0].page.format, PageFormat::kHtml);
  EXPECT_EQ(items[0].page.text, "<p>x</p>");
  EXPECT_EQ(items[1].page.format, PageFormat::kText);  // a text field wins
  EXPECT_EQ(items[1].page.text, "t");
}

// A WET file of `n` pages, one gzip member per record as Common Crawl writes them.
struct Wet {
  std::string plain, gz;
};
Wet MakeWet(int n) {
  Wet w;
  w.plain = Warcinfo();
  w.gz = Gzip(w.plain);
  for (int i = 1; i <= n; ++i) {
    std::string record = Record(Page(i, "Page " + std::to_string(i) + "\n" + std::string(static_cast<size_t>(i * 37), 'x') + "\n"));
    w.plain += record;
    w.gz += Gzip(record);
  }
  return w;
}

TEST(WarcTest, SamePagesThroughGzipAndZstd) {
  const Wet wet = MakeWet(200);
  ReaderOptions options;
  auto plain = Open(wet.plain, options);
  std::vector<Item> want = ReadAll(plain.get());
  ASSERT_EQ(want.size(), 200u);
  for (const std::string& stored : {wet.gz, Zstd(wet.plain), Zstd(wet.plain.substr(0, 1000)) + Zstd(wet.plain.substr(1000))}) {
    auto reader = Open(stored, options);
    std::vector<Item> got = ReadAll(reader.get());
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].page.id, want[i].page.id);
      EXPECT_EQ(got[i].page.text, want[i].page.text);
      EXPECT_EQ(got[i].page.origin.byte_offset, want[i].page.origin.byte_offset);  // of the decompressed input
    }
    EXPECT_EQ(reader->bytes_read(), wet.plain.size());
    EXPECT_EQ(reader->stored_bytes_read(), stored.size());
  }
}

TEST(WarcTest, WarcRecognisedByContentUnderAuto) {
  const Wet wet = MakeWet(3);
  ReaderOptions options;
  for (const std::string& data : {wet.plain, wet.gz}) {
    auto reader = Open(data, options, InputFormat::kAuto, "-");
    EXPECT_EQ(Summaries(ReadAll(reader.get())),
              (std::vector<std::string>{"page urn:uuid:0000-1", "page urn:uuid:0000-2", "page urn:uuid:0000-3"}));
  }
  // Asked for text, it is one page.
  auto reader = Open(wet.plain, options, InputFormat::kText, "-");
  EXPECT_EQ(Summaries(ReadAll(reader.get())), (std::vector<std::string>{"page mem-page"}));
}

TEST(WarcTest, TruncatedGzipWetEndsWithARejectNamingTheFile) {
  const Wet wet = MakeWet(50);
  ReaderOptions options;
  auto reader = Open(wet.gz.substr(0, wet.gz.size() * 2 / 3), options, InputFormat::kAuto, "cut.warc.wet.gz");
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_GE(items.size(), 2u);
  const Item& last = items.back();
  ASSERT_EQ(last.status, ReadStatus::kReject);
  EXPECT_EQ(last.reject.origin.file, "cut.warc.wet.gz");
  EXPECT_TRUE(last.reject.reason.starts_with("truncated: gzip stream ends inside member")) << last.reject.reason;
  for (size_t i = 0; i + 1 < items.size(); ++i) {
    EXPECT_EQ(Summary(items[i]), "page urn:uuid:0000-" + std::to_string(i + 1));
  }
  EXPECT_EQ(last.reject.origin.record, items.size() + 1);  // record 1 is the warcinfo
}

TEST(WarcTest, CompressedJsonlAndText) {
  const std::string jsonl = R"({"id": "a", "text": "x"})" "\n" R"({"id": "b", "text": "y"})" "\n";
  ReaderOptions options;
  for (const std::string& stored : {Gzip(jsonl), Gzip(jsonl.substr(0, 10)) + Gzip(jsonl.substr(10)), Zstd(jsonl)}) {
    auto reader = Open(stored, options, InputFormat::kAuto, "d.jsonl.gz");
    std::vector<Item> items = ReadAll(reader.get());
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[1].page.id, "b");
    EXPECT_EQ(items[1].page.origin.line, 2u);
  }
  auto text = Open(Zstd("Title\nBody.\n"), options, InputFormat::kAuto, "p.txt.zst");
  std::vector<Item> items = ReadAll(text.get());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].page.text, "Title\nBody.\n");
}

TEST(WarcTest, TruncatedJsonlAndTextAreRejected) {
  std::string jsonl;
  for (int i = 0; i < 2000; ++i) jsonl += R"({"id": "p)" + std::to_string(i) + R"(", "text": "some text here"})" "\n";
  const std::string gz = Gzip(jsonl);
  ReaderOptions options;
  auto reader = Open(gz.substr(0, gz.size() - 20), options, InputFormat::kAuto, "cut.jsonl.gz");
  std::vector<Item> items = ReadAll(reader.get());
  ASSERT_GE(items.size(), 2u);
  for (size_t i = 0; i + 1 < items.size(); ++i) ASSERT_EQ(items[i].status, ReadStatus::kPage) << i;
  EXPECT_EQ(items.back().status, ReadStatus::kReject);
  EXPECT_TRUE(items.back().reject.reason.starts_with("truncated: gzip stream ends")) << items.back().reject.reason;
  EXPECT_EQ(items.back().reject.origin.line, items.size());

  const std::string zst = Zstd(std::string(100000, 'z'));
  auto text = Open(zst.substr(0, zst.size() - 3), options, InputFormat::kAuto, "cut.txt.zst");
  EXPECT_EQ(Summaries(ReadAll(text.get())), (std::vector<std::string>{"reject truncated record=1 byte=0"}));
}

// Files on disk: a truncated input is rejected and the next input is read.
class WarcFilesTest : public ::testing::Test {
 protected:
  WarcFilesTest() {
    std::string tmpl = (fs::temp_directory_path() / "newsclip_warc_XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
  }
  ~WarcFilesTest() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& data) const {
    std::ofstream(dir_ / name, std::ios::binary) << data;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

TEST_F(WarcFilesTest, TheRunGoesOnAfterATruncatedFile) {
  const Wet wet = MakeWet(20);
  Write("a.warc.wet.gz", wet.gz.substr(0, wet.gz.size() / 2));
  Write("b.warc.wet.gz", wet.gz);
  Write("c.jsonl.zst", Zstd(R"({"id": "j", "text": "x"})" "\n"));
  ReaderOptions options;
  auto reader = OpenInputs({dir_.string()}, options);
  std::vector<Item> items = ReadAll(reader.get());
  size_t pages = 0, rejects = 0;
  for (const Item& item : items) {
    if (item.status == ReadStatus::kPage) ++pages;
    else ++rejects;
  }
  EXPECT_EQ(rejects, 1u);
  ASSERT_GT(items.size(), 21u);
  EXPECT_EQ(items.back().page.id, "j");
  EXPECT_EQ(pages, items.size() - 1);
  EXPECT_GE(pages, 21u);
  // 20 + 20 warcinfo records skipped? Only the whole file's and the cut file's first.
  EXPECT_EQ(reader->records_skipped().at("warcinfo"), 2u);
}

TEST(ShardListTest, EveryFileInExactlyOneShard) {
  std::vector<InputFile> files;
  for (int i = 0; i < 10; ++i) files.push_back({"f" + std::to_string(i), "f" + std::to_string(i)});
  std::vector<int> seen(10, 0);
  for (uint32_t i = 0; i < 3; ++i) {
    for (const InputFile& f : ShardOf(files, i, 3)) {
      const int n = std::stoi(f.path.substr(1));
      EXPECT_EQ(static_cast<uint32_t>(n) % 3, i);
      ++seen[static_cast<size_t>(n)];
    }
  }
  EXPECT_EQ(seen, std::vector<int>(10, 1));
  EXPECT_EQ(ShardOf(files, 0, 1).size(), 10u);
  EXPECT_EQ(ShardOf(files, 3, 20).size(), 1u);
  EXPECT_TRUE(ShardOf(files, 12, 20).empty());
}

}  // namespace
}  // namespace newsclip
