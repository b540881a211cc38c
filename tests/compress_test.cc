// Tests of compressed streams (compress.h): detection by magic bytes, gzip with several members
// (and zero padding between them), zstd with several frames and a skippable frame, plain bytes
// passing through, and damaged or truncated input setting badbit with a reason after delivering
// every byte before the damage. The compressed test data is made with zlib and libzstd directly,
// not with the code under test.
#include "newsclip/compress.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ios>
#include <sstream>
#include <system_error>
#include <string>
#include <vector>

namespace newsclip {
namespace {

// One gzip member holding `data`.
std::string Gzip(const std::string& data) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
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

// One zstd frame holding `data`.
std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Inflates gzip (all members) independently of the code under test.
std::string Gunzip(const std::string& data) {
  std::string out;
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  inflateInit2(&z, 15 + 32);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  char buf[4096];
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    int rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      inflateReset(&z);
    } else if (rc != Z_OK) {
      ADD_FAILURE() << "inflate: " << rc;
      break;
    }
  }
  inflateEnd(&z);
  return out;
}

// Text of `n` bytes that compresses like prose, not like a run of one byte.
std::string Prose(size_t n) {
  std::string s;
  uint32_t x = 12345;
  const char* words[] = {"the ", "council ", "said ", "新闻 ", "on ", "Tuesday ", "budget ", "。\n", "schools ", "42 "};
  while (s.size() < n) {
    x = x * 1103515245u + 12345u;
    s += words[(x >> 16) % 10];
  }
  s.resize(n);
  return s;
}

struct Decoded {
  std::string text;
  bool bad = false;
  bool truncated = false;
  std::string error;
  Compression compression = Compression::kNone;
  uint64_t source_bytes = 0;
};

// Reads `data` through a DecompressingStream in `chunk`-byte reads.
Decoded Decode(const std::string& data, size_t chunk = 1000) {
  DecompressingStream in(std::make_unique<std::istringstream>(data));
  Decoded d;
  d.compression = in.compression();
  std::vector<char> buf(chunk);
  while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
    d.text.append(buf.data(), static_cast<size_t>(in.gcount()));
  }
  d.bad = in.bad();
  d.truncated = in.truncated();
  d.error = in.error();
  d.source_bytes = in.source_bytes();
  return d;
}

TEST(CompressTest, MagicBytes) {
  const struct {
    std::string head;
    Compression want;
  } kCases[] = {
      {"\x1f\x8b\x08\x00", Compression::kGzip},
      {"\x1f\x8b", Compression::kGzip},
      {std::string("\x28\xb5\x2f\xfd", 4), Compression::kZstd},
      {std::string("\x50\x2a\x4d\x18", 4), Compression::kZstd},  // skippable frame
      {std::string("\x5f\x2a\x4d\x18", 4), Compression::kZstd},
      {"\x1f", Compression::kNone},
      {"", Compression::kNone},
      {"WARC/1.0", Compression::kNone},
      {"{\"id\"", Compression::kNone},
      {std::string("\x28\xb5\x2f", 3), Compression::kNone},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(CompressionOfMagic(c.head), c.want) << c.head;
  }
}

TEST(CompressTest, CompressionForName) {
  EXPECT_EQ(CompressionForName("out.jsonl.gz"), Compression::kGzip);
  EXPECT_EQ(CompressionForName("out.jsonl.zst"), Compression::kZstd);
  EXPECT_EQ(CompressionForName("out.zstd"), Compression::kZstd);
  EXPECT_EQ(CompressionForName("out.jsonl"), Compression::kNone);
  EXPECT_EQ(CompressionForName("-"), Compression::kNone);
  EXPECT_EQ(CompressionForName("gz"), Compression::kNone);
}

TEST(CompressTest, PlainBytesPassThrough) {
  for (const std::string& data : {std::string(), std::string("x"), std::string("\x1f"), std::string("WARC/1.0\r\n"),
                                  Prose(3 << 20)}) {
    Decoded d = Decode(data);
    EXPECT_EQ(d.compression, Compression::kNone);
    EXPECT_EQ(d.text, data);
    EXPECT_FALSE(d.bad);
    EXPECT_EQ(d.source_bytes, data.size());
  }
}

TEST(CompressTest, GzipSingleMember) {
  const std::string text = Prose(100000);
  const std::string gz = Gzip(text);
  Decoded d = Decode(gz);
  EXPECT_EQ(d.compression, Compression::kGzip);
  EXPECT_FALSE(d.bad) << d.error;
  EXPECT_EQ(d.text, text);
  EXPECT_EQ(d.source_bytes, gz.size());
}

TEST(CompressTest, GzipMultiMember) {
  // Common Crawl writes one member per record; an empty member and zero padding are legal too.
  const std::string a = "WARC/1.0\r\nfirst record\r\n\r\n", b = Prose(700000), c = "last\n";
  const struct {
    const char* name;
    std::string data;
  } kCases[] = {
      {"three members", Gzip(a) + Gzip(b) + Gzip(c)},
      {"an empty member", Gzip(a) + Gzip("") + Gzip(b) + Gzip(c)},
      {"zero padding between and after", Gzip(a) + std::string(10, '\0') + Gzip(b) + Gzip(c) + std::string(3, '\0')},
  };
  for (const auto& c_ : kCases) {
    SCOPED_TRACE(c_.name);
    for (size_t chunk : {1u, 7u, 4096u, 1u << 20}) {
      if (chunk == 1 && c_.data.size() > 100000) continue;  // byte by byte only where it is quick
      Decoded d = Decode(c_.data, chunk);
      EXPECT_FALSE(d.bad) << d.error;
      EXPECT_EQ(d.text, a + b + c) << "chunk " << chunk;
    }
  }
}

TEST(CompressTest, GzipManySmallMembersAcrossBufferBoundaries) {
  std::string gz, want;
  for (int i = 0; i < 3000; ++i) {
    std::string record = "record " + std::to_string(i) + "\n" + Prose(static_cast<size_t>(i % 300));
    want += record;
    gz += Gzip(record);
  }
  Decoded d = Decode(gz, 65536);
  EXPECT_FALSE(d.bad) << d.error;
  EXPECT_EQ(d.text, want);
}

TEST(CompressTest, TruncatedGzipIsAnErrorAfterTheGoodBytes) {
  const std::string text = Prose(300000);
  const std::string gz = Gzip("first member\n") + Gzip(text);
  for (size_t cut : {gz.size() - 1, gz.size() - 8, gz.size() / 2, Gzip("first member\n").size() + 5}) {
    SCOPED_TRACE(cut);
    Decoded d = Decode(gz.substr(0, cut));
    EXPECT_TRUE(d.bad);
    EXPECT_TRUE(d.truncated);
    EXPECT_EQ(d.error, "gzip stream ends inside member 2");
    const std::string whole = "first member\n" + text;
    EXPECT_EQ(d.text, whole.substr(0, d.text.size()));  // a prefix, nothing invented
  }
}

TEST(CompressTest, CorruptGzipIsAnError) {
  std::string gz = Gzip(Prose(200000));
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  Decoded d = Decode(gz);
  EXPECT_TRUE(d.bad);
  EXPECT_FALSE(d.truncated);
  EXPECT_TRUE(d.error.starts_with("invalid gzip data in member 1")) << d.error;

  Decoded garbage = Decode(Gzip("ok\n") + "not gzip at all");
  EXPECT_TRUE(garbage.bad);
  EXPECT_EQ(garbage.text, "ok\n");
  EXPECT_TRUE(garbage.error.starts_with("invalid gzip data in member 2")) << garbage.error;
}

// A source whose reads fail after `good` bytes the way libstdc++'s filebuf fails on EIO: a read that
// cannot be served whole from `good` throws.
class FailingBuf : public std::streambuf {
 public:
  explicit FailingBuf(std::string good) : good_(std::move(good)) {}

 protected:
  std::streamsize xsgetn(char* s, std::streamsize n) override {
    if (good_.size() - pos_ >= static_cast<size_t>(n)) {
      std::memcpy(s, good_.data() + pos_, static_cast<size_t>(n));
      pos_ += static_cast<size_t>(n);
      return n;
    }
    throw std::ios_base::failure("basic_filebuf::xsgetn error reading the file",
                                 std::error_code(EIO, std::system_category()));
  }

 private:
  std::string good_;
  size_t pos_ = 0;
};

TEST(CompressTest, ReadErrorIsAnErrorNotAnException) {
  // At the first read (while the magic bytes are read) and after some bytes; plain and gzip.
  for (const std::string& good : {std::string(), std::string(300 << 10, 'a'), Gzip(Prose(400000)).substr(0, 128 << 10)}) {
    SCOPED_TRACE(good.size());
    FailingBuf buf(good);
    auto source = std::make_unique<std::istream>(&buf);
    std::unique_ptr<DecompressingStream> in;
    ASSERT_NO_THROW(in = std::make_unique<DecompressingStream>(std::move(source)));
    std::string text;
    char chunk[4096];
    ASSERT_NO_THROW(while (in->read(chunk, sizeof(chunk)) || in->gcount() > 0) text.append(chunk, in->gcount()));
    EXPECT_TRUE(in->bad());
    EXPECT_FALSE(in->truncated());
    EXPECT_EQ(in->error(), "read error: " + std::error_code(EIO, std::system_category()).message());
  }
}

TEST(CompressTest, ZstdFrames) {
  const std::string a = Prose(1 << 20), b = "second frame\n";
  // A skippable frame (magic 0x184D2A50, 4-byte size, payload) may stand anywhere.
  const std::string skippable = std::string("\x50\x2a\x4d\x18\x03\x00\x00\x00xyz", 11);
  const struct {
    const char* name;
    std::string data;
    std::string want;
  } kCases[] = {
      {"one frame", Zstd(a), a},
      {"two frames", Zstd(a) + Zstd(b), a + b},
      {"skippable frame first", skippable + Zstd(b), b},
      {"empty frame", Zstd("") + Zstd(b), b},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    Decoded d = Decode(c.data, 5000);
    EXPECT_EQ(d.compression, Compression::kZstd);
    EXPECT_FALSE(d.bad) << d.error;
    EXPECT_EQ(d.text, c.want);
    EXPECT_EQ(d.source_bytes, c.data.size());
  }
}

TEST(CompressTest, TruncatedZstdIsAnError) {
  const std::string text = Prose(500000);
  const std::string zst = Zstd(text);
  for (size_t cut : {zst.size() - 1, zst.size() / 2, size_t{6}}) {
    SCOPED_TRACE(cut);
    Decoded d = Decode(zst.substr(0, cut));
    EXPECT_TRUE(d.bad);
    EXPECT_TRUE(d.truncated);
    EXPECT_EQ(d.error, "zstd stream ends inside a frame");
    EXPECT_EQ(d.text, text.substr(0, d.text.size()));
  }
}

TEST(CompressTest, GetlineSeesBadAtTheDamage) {
  const std::string gz = Gzip("line 1\nline 2\nline 3\n");
  DecompressingStream in(std::make_unique<std::istringstream>(gz.substr(0, gz.size() - 4)));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"line 1", "line 2", "line 3"}));
  EXPECT_TRUE(in.bad());
}

TEST(CompressTest, CompressingStreamRoundTrips) {
  const std::string text = Prose(2 << 20);
  for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kZstd}) {
    SCOPED_TRACE(std::string(CompressionName(c)));
    std::ostringstream sink;
    {
      CompressingStream out(&sink, c);
      // Small writes and one large one.
      for (size_t i = 0; i < 1000; ++i) out << text[i];
      out.write(text.data() + 1000, static_cast<std::streamsize>(text.size() - 1000));
      EXPECT_TRUE(out.Close());
    }
    const std::string stored = sink.str();
    EXPECT_EQ(CompressionOfMagic(stored), c);
    if (c != Compression::kNone) EXPECT_LT(stored.size(), text.size() / 2);
    if (c == Compression::kGzip) EXPECT_EQ(Gunzip(stored), text);
    if (c == Compression::kZstd) {
      std::string out(text.size(), '\0');
      EXPECT_EQ(ZSTD_decompress(out.data(), out.size(), stored.data(), stored.size()), text.size());
      EXPECT_EQ(out, text);
    }
    Decoded d = Decode(stored);
    EXPECT_FALSE(d.bad);
    EXPECT_EQ(d.text, text);
  }
}

TEST(CompressTest, CompressingStreamEmptyIsAValidStream) {
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    std::ostringstream sink;
    CompressingStream out(&sink, c);
    EXPECT_TRUE(out.Close());
    Decoded d = Decode(sink.str());
    EXPECT_FALSE(d.bad) << d.error;
    EXPECT_EQ(d.text, "");
  }
}

TEST(CompressTest, CompressingStreamReportsAFailingSink) {
  std::ostringstream sink;
  sink.setstate(std::ios::badbit);
  CompressingStream out(&sink, Compression::kZstd);
  out << Prose(1000);
  EXPECT_FALSE(out.Close());
}

}  // namespace
}  // namespace newsclip
