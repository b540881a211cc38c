// Compressed streams. Both directions are a std::streambuf with a fixed buffer between the
// source (or sink) and the codec, so memory stays bounded: 128 KiB of input and 256 KiB of output
// per stream, plus the codec's own state (zlib: a 32 KiB window; zstd: the window its frames
// declare, 1-8 MiB at compression levels up to 19).
//
// gzip: inflate with windowBits 15+32 (gzip or zlib header); at each member end inflateReset() and
// go on, which is how multi-member files (one member per WARC record, as Common Crawl writes them)
// read as one stream. Zero bytes between members are padding and skipped, like gzip(1) does.
// zstd: ZSTD_decompressStream handles frame after frame; a frame that is not complete when the
// source ends is a truncated stream.
//
// An error does not throw: the buffer records why, marks its stream bad (so that readers written
// against std::istream see bad()), and returns end of file; the bytes decoded before it have all
// been handed out.
#include "newsclip/compress.h"

#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <exception>
#include <system_error>
#include <vector>

namespace newsclip {

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kNone: break;
  }
  return "none";
}

Compression CompressionOfMagic(std::string_view head) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(head[i]); };
  if (head.size() >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) return Compression::kGzip;
  if (head.size() >= 4) {
    if (byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f && byte(3) == 0xfd) return Compression::kZstd;
    // A skippable zstd frame (50..5f 2a 4d 18) may come first.
    if ((byte(0) & 0xf0) == 0x50 && byte(1) == 0x2a && byte(2) == 0x4d && byte(3) == 0x18) return Compression::kZstd;
  }
  return Compression::kNone;
}

Compression CompressionForName(std::string_view path) {
  if (path.ends_with(".gz")) return Compression::kGzip;
  if (path.ends_with(".zst") || path.ends_with(".zstd")) return Compression::kZstd;
  return Compression::kNone;
}

// ---------------------------------------------------------------------------------------------
// Decompression.

class DecompressingStream::Buf : public std::streambuf {
 public:
  Buf(std::unique_ptr<std::istream> source, std::istream* owner) : source_(std::move(source)), owner_(owner) {
    Fill();
    compression_ = CompressionOfMagic(std::string_view(in_.get(), in_end_));
    if (compression_ != Compression::kNone) out_ = std::make_unique_for_overwrite<char[]>(kOutSize);
    if (compression_ == Compression::kGzip) {
      std::memset(&z_, 0, sizeof(z_));
      if (inflateInit2(&z_, 15 + 32) != Z_OK) Fail("zlib: cannot initialise");
      z_ready_ = true;
    } else if (compression_ == Compression::kZstd) {
      zd_ = ZSTD_createDStream();
      if (zd_ == nullptr) Fail("zstd: cannot initialise");
    }
  }

  ~Buf() override {
    if (z_ready_) inflateEnd(&z_);
    if (zd_ != nullptr) ZSTD_freeDStream(zd_);
  }

  Compression compression() const { return compression_; }
  const std::string& error() const { return error_; }
  bool truncated() const { return truncated_; }
  uint64_t source_bytes() const { return source_bytes_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (!error_.empty()) return traits_type::eof();
    size_t got = 0;
    switch (compression_) {
      case Compression::kNone: return UnderflowPlain();
      case Compression::kGzip: got = InflateSome(); break;
      case Compression::kZstd: got = ZstdSome(); break;
    }
    if (got == 0) return traits_type::eof();
    setg(out_.get(), out_.get(), out_.get() + got);
    return traits_type::to_int_type(*gptr());
  }

 private:
  static constexpr size_t kInSize = 128 << 10;
  static constexpr size_t kOutSize = 256 << 10;

  // Refills in_ from the source (only when it is used up); false at the end of the source or on a
  // read error (which fails the stream: libstdc++'s filebuf throws on EIO, EISDIR, ...).
  bool Fill() {
    if (in_pos_ < in_end_) return true;
    in_pos_ = in_end_ = 0;
    if (source_eof_) return false;
    std::streamsize n = 0;
    try {
      n = source_->rdbuf() ? source_->rdbuf()->sgetn(in_.get(), static_cast<std::streamsize>(kInSize)) : 0;
    } catch (const std::system_error& e) {
      source_eof_ = true;
      Fail("read error: " + e.code().message());
      return false;
    } catch (const std::exception& e) {
      source_eof_ = true;
      Fail(std::string("read error: ") + e.what());
      return false;
    }
    if (n < static_cast<std::streamsize>(kInSize)) source_eof_ = true;
    if (n <= 0) return false;
    in_end_ = static_cast<size_t>(n);
    source_bytes_ += static_cast<uint64_t>(n);
    return true;
  }

  void Fail(std::string why, bool truncated = false) {
    if (error_.empty()) {
      error_ = std::move(why);
      truncated_ = truncated;
    }
    owner_->setstate(std::ios::badbit);
  }

  int_type UnderflowPlain() {
    if (!Fill()) return traits_type::eof();
    setg(in_.get(), in_.get() + in_pos_, in_.get() + in_end_);
    in_pos_ = in_end_;
    return traits_type::to_int_type(*gptr());
  }

  // Inflates into out_; the number of bytes produced, 0 at the end (or on an error).
  size_t InflateSome() {
    for (;;) {
      if (in_pos_ == in_end_ && !out_was_full_ && !Fill()) {
        if (in_member_) Fail("gzip stream ends inside member " + std::to_string(members_ + 1), true);
        return 0;
      }
      if (!in_member_) {
        // Between members: zero padding is allowed, anything else starts the next member.
        while (in_pos_ < in_end_ && in_[in_pos_] == 0 && members_ > 0) ++in_pos_;
        if (in_pos_ == in_end_) continue;
        in_member_ = true;
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.get() + in_pos_);
      z_.avail_in = static_cast<uInt>(in_end_ - in_pos_);
      z_.next_out = reinterpret_cast<Bytef*>(out_.get());
      z_.avail_out = static_cast<uInt>(kOutSize);
      int rc = inflate(&z_, Z_NO_FLUSH);
      in_pos_ = in_end_ - z_.avail_in;
      size_t produced = kOutSize - z_.avail_out;
      out_was_full_ = z_.avail_out == 0;
      if (rc == Z_STREAM_END) {
        ++members_;
        in_member_ = false;
        out_was_full_ = false;
        inflateReset(&z_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        Fail(std::string("invalid gzip data in member ") + std::to_string(members_ + 1) + ": " +
             (z_.msg ? z_.msg : "error " + std::to_string(rc)));
        return produced;
      }
      if (produced > 0) return produced;
    }
  }

  size_t ZstdSome() {
    for (;;) {
      if (in_pos_ == in_end_ && !out_was_full_ && !Fill()) {
        if (frame_open_) Fail("zstd stream ends inside a frame", true);
        return 0;
      }
      ZSTD_inBuffer in{in_.get(), in_end_, in_pos_};
      ZSTD_outBuffer out{out_.get(), kOutSize, 0};
      size_t rc = ZSTD_decompressStream(zd_, &out, &in);
      in_pos_ = in.pos;
      if (ZSTD_isError(rc)) {
        Fail(std::string("invalid zstd data: ") + ZSTD_getErrorName(rc));
        return out.pos;
      }
      frame_open_ = rc != 0;
      out_was_full_ = out.pos == out.size;
      if (out.pos > 0) return out.pos;
    }
  }

  std::unique_ptr<std::istream> source_;
  std::istream* owner_;
  Compression compression_ = Compression::kNone;
  std::string error_;
  bool truncated_ = false;
  // Not zero-filled (a folder of small pages pays for every buffer it would zero); out_ only for
  // gzip and zstd: plain input is handed out from in_.
  std::unique_ptr<char[]> in_ = std::make_unique_for_overwrite<char[]>(kInSize);
  size_t in_pos_ = 0, in_end_ = 0;
  bool source_eof_ = false;
  uint64_t source_bytes_ = 0;
  std::unique_ptr<char[]> out_;
  bool out_was_full_ = false;  // the codec may hold more output without needing input
  z_stream z_;
  bool z_ready_ = false;
  bool in_member_ = false;  // gzip: inside a member (its end not seen yet)
  uint64_t members_ = 0;
  ZSTD_DStream* zd_ = nullptr;
  bool frame_open_ = false;  // zstd: inside a frame
};

DecompressingStream::DecompressingStream(std::unique_ptr<std::istream> source) : std::istream(nullptr) {
  buf_ = std::make_unique<Buf>(std::move(source), this);
  rdbuf(buf_.get());  // clears the state: keep a failure of the first read
  if (!buf_->error().empty()) setstate(std::ios::badbit);
}

DecompressingStream::~DecompressingStream() = default;

Compression DecompressingStream::compression() const { return buf_->compression(); }
const std::string& DecompressingStream::error() const { return buf_->error(); }
bool DecompressingStream::truncated() const { return buf_->truncated(); }
uint64_t DecompressingStream::source_bytes() const { return buf_->source_bytes(); }

// ---------------------------------------------------------------------------------------------
// Compression.

class CompressingStream::Buf : public std::streambuf {
 public:
  Buf(std::ostream* sink, Compression compression, int level) : sink_(sink), compression_(compression) {
    setp(buf_.data(), buf_.data() + buf_.size());
    if (compression_ == Compression::kGzip) {
      std::memset(&z_, 0, sizeof(z_));
      ok_ = deflateInit2(&z_, level > 0 ? level : Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                         Z_DEFAULT_STRATEGY) == Z_OK;
      z_ready_ = ok_;
    } else if (compression_ == Compression::kZstd) {
      zc_ = ZSTD_createCCtx();
      ok_ = zc_ != nullptr &&
            !ZSTD_isError(ZSTD_CCtx_setParameter(zc_, ZSTD_c_compressionLevel, level > 0 ? level : 3)) &&
            !ZSTD_isError(ZSTD_CCtx_setParameter(zc_, ZSTD_c_checksumFlag, 1));
    }
  }

  ~Buf() override {
    if (z_ready_) deflateEnd(&z_);
    if (zc_ != nullptr) ZSTD_freeCCtx(zc_);
  }

  bool Close() {
    if (closed_) return ok_;
    closed_ = true;
    Encode(pbase(), static_cast<size_t>(pptr() - pbase()), true);
    setp(nullptr, nullptr);
    sink_->flush();
    if (!*sink_) ok_ = false;
    return ok_;
  }

 protected:
  int_type overflow(int_type c) override {
    if (closed_ || !Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

  int sync() override {
    if (closed_) return 0;
    if (!Drain()) return -1;
    sink_->flush();
    return *sink_ ? 0 : -1;
  }

 private:
  // Encodes the put area and empties it.
  bool Drain() {
    bool ok = Encode(pbase(), static_cast<size_t>(pptr() - pbase()), false);
    setp(buf_.data(), buf_.data() + buf_.size());
    return ok;
  }

  // Encodes `n` bytes (and ends the stream when `last`), writing whatever the codec gives out.
  bool Encode(const char* data, size_t n, bool last) {
    if (!ok_) return false;
    if (compression_ == Compression::kNone) {
      sink_->write(data, static_cast<std::streamsize>(n));
    } else if (compression_ == Compression::kGzip) {
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
      z_.avail_in = static_cast<uInt>(n);
      int rc;
      do {
        z_.next_out = reinterpret_cast<Bytef*>(out_.data());
        z_.avail_out = static_cast<uInt>(out_.size());
        rc = deflate(&z_, last ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR) return ok_ = false;
        sink_->write(out_.data(), static_cast<std::streamsize>(out_.size() - z_.avail_out));
      } while (z_.avail_out == 0 || (last && rc != Z_STREAM_END));
    } else {
      ZSTD_inBuffer in{data, n, 0};
      const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
      for (;;) {
        ZSTD_outBuffer out{out_.data(), out_.size(), 0};
        size_t left = ZSTD_compressStream2(zc_, &out, &in, mode);
        if (ZSTD_isError(left)) return ok_ = false;
        sink_->write(out_.data(), static_cast<std::streamsize>(out.pos));
        if (last ? left == 0 : in.pos == in.size) break;
      }
    }
    if (!*sink_) ok_ = false;
    return ok_;
  }

  std::ostream* sink_;
  Compression compression_;
  bool ok_ = true;
  bool closed_ = false;
  std::vector<char> buf_ = std::vector<char>(256 << 10);
  std::vector<char> out_ = std::vector<char>(256 << 10);
  z_stream z_;
  bool z_ready_ = false;
  ZSTD_CCtx* zc_ = nullptr;
};

CompressingStream::CompressingStream(std::ostream* sink, Compression compression, int level)
    : std::ostream(nullptr), buf_(std::make_unique<Buf>(sink, compression, level)) {
  rdbuf(buf_.get());
}

CompressingStream::~CompressingStream() { buf_->Close(); }

bool CompressingStream::Close() {
  bool ok = buf_->Close();
  if (!ok) setstate(std::ios::badbit);
  return ok && !bad();
}

}  // namespace newsclip
