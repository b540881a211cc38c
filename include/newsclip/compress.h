// newsclip/compress.h: gzip and zstd streams as std::istream / std::ostream, so that readers and
// writers never know whether their bytes are compressed.
//
// DecompressingStream looks at the first bytes of its source: gzip (1f 8b, any number of members
// one after another, as Common Crawl writes them) and zstd (28 b5 2f fd, any number of frames,
// skippable frames included) are decompressed; anything else passes through unchanged. A damaged
// or truncated stream sets badbit and error() says what went wrong; the bytes before the damage
// have been delivered. CompressingStream writes gzip or zstd to a sink.
//
//   auto in = std::make_unique<std::ifstream>("CC-MAIN-00000.warc.wet.gz", std::ios::binary);
//   newsclip::DecompressingStream text(std::move(in));
//   for (std::string line; std::getline(text, line);) {...}
//   if (text.bad()) std::cerr << text.error() << "\n";   // "gzip stream ends inside member 1"
//
//   std::ofstream file("out.jsonl.zst", std::ios::binary);
//   newsclip::CompressingStream out(&file, newsclip::CompressionForName("out.jsonl.zst"));
//   out << record;
//   if (!out.Close()) {...}   // writes the zstd frame end; false on a write error
#ifndef NEWSCLIP_COMPRESS_H_
#define NEWSCLIP_COMPRESS_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace newsclip {

enum class Compression { kNone, kGzip, kZstd };

// "none", "gzip", "zstd".
std::string_view CompressionName(Compression c);

// The compression whose magic bytes `head` starts with (kNone when `head` is too short to tell).
Compression CompressionOfMagic(std::string_view head);

// The compression an output file name asks for: ".gz" gzip, ".zst"/".zstd" zstd, else none.
Compression CompressionForName(std::string_view path);

// An input stream over `source`, decompressed according to its magic bytes. The first bytes are
// read when the stream is constructed (a pipe blocks until they arrive).
class DecompressingStream : public std::istream {
 public:
  explicit DecompressingStream(std::unique_ptr<std::istream> source);
  ~DecompressingStream() override;

  // What the magic bytes said.
  Compression compression() const;
  // Why the stream went bad ("gzip stream ends inside member 3", "invalid zstd data: ..."); ""
  // when it did not.
  const std::string& error() const;
  // The error is that the source ended inside a gzip member or a zstd frame.
  bool truncated() const;
  // Bytes taken from the source so far (compressed bytes; all bytes for kNone).
  uint64_t source_bytes() const;

 private:
  class Buf;
  std::unique_ptr<Buf> buf_;
};

// An output stream that compresses into `sink` (not owned, must outlive this stream). With
// kNone it only buffers. `level` 0 takes the library's default (gzip 6, zstd 3).
class CompressingStream : public std::ostream {
 public:
  CompressingStream(std::ostream* sink, Compression compression, int level = 0);
  // Closes the stream if Close() was not called (errors are then lost).
  ~CompressingStream() override;

  // Ends the compressed stream (gzip trailer, zstd frame end) and flushes the sink. False when
  // anything could not be written. Nothing may be written after Close().
  bool Close();

 private:
  class Buf;
  std::unique_ptr<Buf> buf_;
};

}  // namespace newsclip

#endif  // NEWSCLIP_COMPRESS_H_
